export { profileRoutes } from './lib/profile.routes';
export { MfaEnrolment } from './lib/mfa-enrolment';
