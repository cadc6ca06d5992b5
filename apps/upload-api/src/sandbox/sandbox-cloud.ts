// The app's one runtime import of the emulator, required by prepareSandbox only when it starts the emulator in-process.
export { startSandboxCloud } from '@app/emulator';
