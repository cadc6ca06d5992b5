import { createHash, randomBytes } from 'node:crypto';

export interface StoredObject {
  data: Buffer;
  /** As sent in the ETag header, quotes included. */
  etag: string;
  contentType: string;
  lastModified: Date;
}

export interface MultipartUpload {
  uploadId: string;
  bucket: string;
  key: string;
  contentType: string;
  initiated: Date;
  parts: Map<number, StoredObject>;
}

/** The refusals OSS and COS share (both follow S3 here), as codes; each stand-in words its answer. */
export type MultipartRefusal = 'NoSuchUpload' | 'InvalidPartNumber' | 'InvalidPartOrder' | 'InvalidPart' | 'EntityTooSmall';

export interface StoreDialect {
  /** The ETag of these bytes, quoted: OSS upper-case hex MD5, COS lower-case. */
  etag(md5: Buffer): string;
  /** Every part but the last must be at least this big when completing. */
  minPartBytes: number;
  maxParts: number;
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest();
const unquote = (etag: string) => etag.replace(/^"|"$/g, '');

/**
 * One stand-in's buckets in memory: objects and multipart uploads, with S3's rules for parts
 * (numbers 1..maxParts, ascending list, matching ETags, minimum size but the last). Bytes are
 * bounded: past `maxStoredBytes` the oldest objects are forgotten, so a long sandbox session
 * cannot eat the machine.
 */
export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private readonly uploads = new Map<string, MultipartUpload>();
  private storedBytes = 0;

  constructor(
    private readonly dialect: StoreDialect,
    private readonly maxStoredBytes: number,
  ) {}

  /** Every stored object, by "bucket/key" (tests look for the bytes a client sent). */
  entries(): IterableIterator<[string, StoredObject]> {
    return this.objects.entries();
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(objectPath(bucket, key));
  }

  put(bucket: string, key: string, data: Buffer, contentType: string): StoredObject {
    return this.store(bucket, key, this.object(data, contentType));
  }

  /** Forgets an object (a provider deleted the media it belongs to); false when there was none. */
  delete(bucket: string, key: string): boolean {
    const path = objectPath(bucket, key);
    const object = this.objects.get(path);
    if (!object) return false;
    this.objects.delete(path);
    this.storedBytes -= object.data.length;
    return true;
  }

  initiate(bucket: string, key: string, contentType: string): MultipartUpload {
    const upload = {
      uploadId: randomBytes(16).toString('hex').toUpperCase(),
      bucket,
      key,
      contentType,
      initiated: new Date(),
      parts: new Map(),
    };
    this.uploads.set(upload.uploadId, upload);
    return upload;
  }

  /** The upload with this id, if it is for this object. */
  upload(uploadId: string | null, bucket: string, key: string): MultipartUpload | undefined {
    const upload = uploadId === null ? undefined : this.uploads.get(uploadId);
    return upload?.bucket === bucket && upload.key === key ? upload : undefined;
  }

  /** Uploads in progress in a bucket whose key starts with `prefix`, oldest first. */
  uploadsIn(bucket: string, prefix: string): MultipartUpload[] {
    return [...this.uploads.values()].filter((upload) => upload.bucket === bucket && upload.key.startsWith(prefix));
  }

  uploadPart(upload: MultipartUpload, partNumber: number, data: Buffer): StoredObject | MultipartRefusal {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > this.dialect.maxParts) return 'InvalidPartNumber';
    const replaced = upload.parts.get(partNumber);
    const part = this.object(data, '');
    upload.parts.set(partNumber, part);
    this.storedBytes += data.length - (replaced?.data.length ?? 0);
    this.evictOldObjects();
    return part;
  }

  complete(upload: MultipartUpload, listed: { partNumber: number; etag: string }[]): StoredObject | MultipartRefusal {
    if (listed.some((entry, index) => index > 0 && entry.partNumber <= listed[index - 1].partNumber)) return 'InvalidPartOrder';
    const chosen: StoredObject[] = [];
    for (const entry of listed) {
      const part = upload.parts.get(entry.partNumber);
      if (!part || unquote(part.etag) !== unquote(entry.etag)) return 'InvalidPart';
      chosen.push(part);
    }
    if (chosen.slice(0, -1).some((part) => part.data.length < this.dialect.minPartBytes)) return 'EntityTooSmall';
    // S3's multipart ETag: the MD5 of the parts' binary MD5s, then "-<number of parts>".
    const digest = md5(Buffer.concat(chosen.map((part) => Buffer.from(unquote(part.etag), 'hex'))));
    const object: StoredObject = {
      data: Buffer.concat(chosen.map((part) => part.data)),
      etag: `${this.dialect.etag(digest).slice(0, -1)}-${chosen.length}"`,
      contentType: upload.contentType,
      lastModified: new Date(),
    };
    this.abort(upload);
    return this.store(upload.bucket, upload.key, object);
  }

  /** Forgets the object (the provider deleted the media it belongs to); true if there was one. */
  remove(bucket: string, key: string): boolean {
    const path = objectPath(bucket, key);
    const object = this.objects.get(path);
    if (object) this.storedBytes -= object.data.length;
    return this.objects.delete(path);
  }

  abort(upload: MultipartUpload): void {
    for (const part of upload.parts.values()) this.storedBytes -= part.data.length;
    this.uploads.delete(upload.uploadId);
  }

  private object(data: Buffer, contentType: string): StoredObject {
    return { data, etag: this.dialect.etag(md5(data)), contentType, lastModified: new Date() };
  }

  private store(bucket: string, key: string, object: StoredObject): StoredObject {
    const path = objectPath(bucket, key);
    const replaced = this.objects.get(path);
    if (replaced) this.storedBytes -= replaced.data.length;
    this.objects.delete(path); // re-inserted last: the newest object
    this.objects.set(path, object);
    this.storedBytes += object.data.length;
    this.evictOldObjects(path);
    return object;
  }

  /** Oldest objects go first; the one just stored and parts of running uploads are never dropped. */
  private evictOldObjects(keep?: string): void {
    for (const [path, object] of this.objects) {
      if (this.storedBytes <= this.maxStoredBytes) return;
      if (path === keep) continue;
      this.objects.delete(path);
      this.storedBytes -= object.data.length;
    }
  }
}

const objectPath = (bucket: string, key: string) => `${bucket}/${key}`;
