import type { EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from '../core/provider';
import { rawQueryPairs } from '../core/query';
import { aliyunError, AliyunFault, newRequestId } from './errors';
import type { AliyunGateway } from './gateway';
import { Params } from './param-checks';

export interface CallContext {
  accessKeyId: string;
  params: Params;
  requestId: string;
}

export type OperationHandler = (call: CallContext) => Record<string, unknown>;

/**
 * One Alibaba Cloud product behind the shared gateway: requests carrying its x-acs-version,
 * authenticated, dispatched by x-acs-action; AliyunFault becomes the documented error answer.
 */
export function aliyunService(
  name: string,
  version: string,
  host: string,
  gateway: AliyunGateway,
  operations: Record<string, OperationHandler>,
): ProviderEmulator {
  const header = (request: EmulatorRequestHead, key: string) => String(request.headers[key] ?? '');
  return {
    name,
    matches: (request) => request.headers['x-acs-action'] !== undefined && header(request, 'x-acs-version') === version,
    operation: (request) => header(request, 'x-acs-action'),
    handle(request): EmulatorResponse {
      const auth = gateway.authenticate(request, host);
      if (!auth.ok) return auth.response;
      const operation = operations[header(request, 'x-acs-action')];
      if (!operation)
        return aliyunError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', host);
      try {
        const requestId = newRequestId();
        return {
          status: 200,
          body: {
            RequestId: requestId,
            ...operation({ accessKeyId: auth.accessKeyId, params: new Params(rawQueryPairs(request.url)), requestId }),
          },
        };
      } catch (error) {
        if (error instanceof AliyunFault) return aliyunError(error.status, error.code, error.message, host);
        throw error;
      }
    },
    faultResponse(kind) {
      return kind === 'throttle'
        ? aliyunError(400, 'Throttling.User', 'Request was denied due to user flow control.', host)
        : aliyunError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', host);
    },
    // RAM's refusal of an action the key's policy does not grant (Alibaba Cloud common error codes).
    deniedResponse: () =>
      aliyunError(403, 'Forbidden.RAM', "User not authorized to operate on the specified resource, or this API doesn't support RAM.", host),
  };
}
