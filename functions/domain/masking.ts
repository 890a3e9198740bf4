/**
 * No full resident identity number leaves the service in a log line (DOMAIN.md §2). Anything shaped
 * like one — six digits, a plausible birth date, three digits and a check character, not part of a
 * longer run of digits — is masked as for public display, first 6 and last 4 kept, whether or not its
 * check character is right: a mistyped number is personal data too. Pure.
 */
const RESIDENT_ID_LIKE = /(?<![0-9])(\d{6})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(\d{3}[\dXx])(?![0-9])/g;

export const maskResidentIds = (text: string): string => text.replace(RESIDENT_ID_LIKE, (_match, region: string, tail: string) => `${region}********${tail}`);
