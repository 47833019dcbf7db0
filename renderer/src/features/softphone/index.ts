export { SoftphoneContext, useSoftphone } from './context';
export { LinePanel } from './LinePanel';
export { PhonePanel, RegistrationTag, focusDialBox } from './PhonePanel';
export { SoftphoneController } from './softphone-controller';
export { CALL_SHORTCUTS } from './call-shortcuts';
export { requestHangup } from './HangupConfirm';
export { playTone, type TonePattern } from './audio/tones';
