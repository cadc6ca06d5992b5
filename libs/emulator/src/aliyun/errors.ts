import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../core/provider';

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** 32 hex characters, the shape of VOD VideoId/ImageId/MediaId and ICE MediaId. */
export function newMediaId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * An error as the POP gateway and the services answer it: JSON with Code, Message, RequestId,
 * HostId, Recommend, and the documented HTTP status. (openapi-client needs the JSON body on 4xx/5xx.)
 */
export function aliyunError(status: number, code: string, message: string, host = 'vod.aliyuncs.com'): EmulatorResponse {
  const requestId = newRequestId();
  return {
    status,
    body: {
      Code: code,
      Message: message,
      RequestId: requestId,
      HostId: host,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Emulator&requestId=${requestId}`,
    },
  };
}

/** Thrown by parameter checks; the emulator turns it into the error answer. */
export class AliyunFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static missing(parameter: string): AliyunFault {
    return new AliyunFault(
      400,
      'MissingParameter',
      `The input parameter "${parameter}" that is mandatory for processing this request is not supplied.`,
    );
  }

  static invalid(parameter: string): AliyunFault {
    return new AliyunFault(400, 'InvalidParameter', `The specified parameter "${parameter}" is not valid.`);
  }

  static tooLong(parameter: string): AliyunFault {
    return new AliyunFault(400, 'LengthExceededMax', `The specified parameter "${parameter}" exceeds the maximum length.`);
  }

  static illegalCharacters(parameter: string): AliyunFault {
    return new AliyunFault(400, 'IllegalCharacters', `The specified "${parameter}" contains illegal emoticon or special characters.`);
  }
}
