// Privacy (会员隐私保护, seed 000 ch. 8; PIPL): versioned policy documents (membership
// agreement, privacy policy) and each member's acceptances; consent per purpose (service,
// marketing, sharing, sensitive) as an append-only history with its current state. Emits
// policy.published and consent.recorded. Marketing consent's truth is the member's
// (members.setMarketingConsent): the record-consent workflow writes both in one transaction.
export { privacyService, type PrivacyService, type ConsentInput } from './privacy.service.ts';
export { privacyRoutes } from './privacy.routes.ts';
export { PRIVACY_ERRORS, sensitiveConsentRequired } from './privacy.errors.ts';
export type { TAcceptanceCreate, TConsentCreate, TMemberPrivacy, TPolicy, TConsentState } from './privacy.schema.ts';
export type { Channel, PolicyKind, Purpose, SensitiveKind, PrivacyTables } from './privacy.table.ts';
