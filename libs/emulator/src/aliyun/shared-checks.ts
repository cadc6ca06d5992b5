import { ALIYUN } from './aliyun.facts';
import { AliyunFault } from './errors';
import { checkUrl, type Params, parseJsonObject } from './param-checks';
import { isStorageLocation } from './upload-credentials';

const APP_ID = /^app-[A-Za-z0-9]+$/;

/** AppId, StorageLocation and UserData, which every VOD create operation takes. */
export function checkCommon(params: Params): void {
  const appId = params.optional('AppId');
  if (appId !== undefined && !APP_ID.test(appId)) throw AliyunFault.invalid('AppId');
  const storage = params.optional('StorageLocation');
  if (storage !== undefined && !isStorageLocation(storage)) {
    throw new AliyunFault(404, 'InvalidStorage.NotFound', 'The specified storage location does not exist.');
  }
  checkUserData(params.optional('UserData'));
}

/** UserData: a JSON object; Extend within 512 bytes; MessageCallback.CallbackURL an http(s) URL. */
export function checkUserData(value: string | undefined, parameter = 'UserData'): void {
  const userData = parseJsonObject(parameter, value);
  if (!userData) return;
  if (userData.Extend !== undefined) {
    const extend = typeof userData.Extend === 'string' ? userData.Extend : JSON.stringify(userData.Extend);
    if (Buffer.byteLength(extend) > ALIYUN.USER_DATA_EXTEND_MAX_BYTES) throw AliyunFault.invalid(parameter);
  }
  const callback = userData.MessageCallback as { CallbackURL?: unknown } | undefined;
  if (callback !== undefined) {
    if (typeof callback !== 'object' || callback === null || typeof callback.CallbackURL !== 'string') throw AliyunFault.invalid(parameter);
    checkUrl(parameter, callback.CallbackURL);
  }
}
