/**
 * A provider client (AliyunClient, TencentClient) for unit tests: `call(operation, request)` goes to
 * the mock named after the operation, `createUploadVideo` for CreateUploadVideo.
 */
export function fakeClient(mocks: Record<string, jest.Mock>): { call: (operation: { action: string }, request: unknown) => unknown } {
  return {
    call(operation, request) {
      const name = operation.action.charAt(0).toLowerCase() + operation.action.slice(1);
      const mock = mocks[name];
      if (!mock) throw new Error(`the fake client has no mock for ${operation.action}`);
      return mock(request);
    },
  };
}
