import { createHash } from 'node:crypto';
import { PolicyCheck } from '@app/common';
import { TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS } from '../tencent.facts';
import type { EnabledTencentConfig } from '../config/tencent.section';

export interface ProcessingChoice {
  procedure?: string;
  classId?: number;
}

/**
 * The server's policy over the client's choices: a task flow or category the client names must be
 * on the deployment's allowlist; without a choice the configured default applies.
 */
export function resolveProcessing(requested: ProcessingChoice, vod: EnabledTencentConfig['vod']): ProcessingChoice {
  new PolicyCheck().allowed('procedure', requested.procedure, vod.procedures).allowed('classId', requested.classId, vod.classIds).done();
  return { procedure: requested.procedure ?? vod.procedure, classId: requested.classId ?? vod.classId };
}

/**
 * SourceContext, echoed in Tencent's NewFileUpload callback: our upload id (when there is one) and
 * the user id, as a query string. Tencent allows 250 characters; a user id too long for that
 * (ours may have 255, and percent-encoding triples non-ASCII) is sent as its SHA-256 instead:
 * truncating could make two users look alike, refusing would punish a user for their id.
 */
export function sourceContext(userId: string, uploadId?: string): string {
  const prefix = uploadId ? `uploadId=${uploadId}&` : '';
  const plain = `${prefix}userId=${encodeURIComponent(userId)}`;
  if (plain.length <= TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS) return plain;
  return `${prefix}userSha256=${createHash('sha256').update(userId, 'utf8').digest('base64url')}`;
}

/** Our upload id from a SourceContext we gave ApplyUpload or a signature (`uploadId=...&userId=...`). */
export function uploadIdOfSourceContext(context: string | null | undefined): string | undefined {
  if (context === undefined || context === null) return undefined;
  return new URLSearchParams(context).get('uploadId') ?? undefined;
}
