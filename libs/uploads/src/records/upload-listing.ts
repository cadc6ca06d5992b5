import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { matches, type UploadFilter } from './record-rules';
import { decodeCursor, encodeCursor } from './upload-cursor';
import type { UploadRecord } from './upload-record';
import { UploadRecordsRepository } from './upload-records.repository';

/** Index entries a listing reads at most before it answers with what it has and a cursor. */
const MAX_SCANNED = 500;

export interface UploadPage {
  items: UploadRecord[];
  nextCursor: string | null;
}

/** An owner's records, newest first, from the owner's index; entries whose record expired are forgotten on the way. */
@Injectable()
export class UploadListing {
  constructor(private readonly repository: UploadRecordsRepository) {}

  /** The caller's uploads, newest first, filtered, `limit` at most, and where to go on. */
  async list(user: Principal, filter: UploadFilter, limit: number, cursor?: string): Promise<UploadPage> {
    const start = cursor === undefined ? undefined : decodeCursor(cursor);
    const items: UploadRecord[] = [];
    let maxScore = start?.score ?? Number.MAX_SAFE_INTEGER;
    let after = start;
    let scanned = 0;
    for (;;) {
      const batch = Math.min(MAX_SCANNED - scanned, Math.max(limit * 2, 20));
      const entries = (await this.repository.ownerPage(user.id, maxScore, batch + 1)).filter(
        // Entries at the cursor's own time were on the last page up to and including its id.
        (entry) => !(after && entry.score === after.score && entry.member >= after.uploadId),
      );
      const page = entries.slice(0, batch);
      const records = await Promise.all(page.map((entry) => this.repository.find(entry.member)));
      const expired = page.filter((_entry, i) => records[i] === undefined).map((entry) => entry.member);
      if (expired.length > 0) await this.repository.forget(user.id, expired);
      for (let i = 0; i < page.length; i++) {
        scanned++;
        const record = records[i];
        after = { score: page[i].score, uploadId: page[i].member };
        if (record && record.ownerId === user.id && matches(record, filter)) items.push(record);
        if (items.length === limit) {
          const more = i < page.length - 1 || entries.length > batch;
          return { items, nextCursor: more ? encodeCursor(after) : null };
        }
      }
      if (entries.length <= batch) return { items, nextCursor: null };
      if (scanned >= MAX_SCANNED) return { items, nextCursor: after ? encodeCursor(after) : null };
      maxScore = after!.score;
    }
  }
}
