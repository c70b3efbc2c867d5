/**
 * The bench's own JWT settings, shared by the Banter server it starts and the
 * workers that sign their users' tokens. Nothing here is a real secret.
 */
import { SignJWT } from 'jose';

export const jwtSettings = {
  secret: 'banter-load-benchmark-secret-of-enough-length',
  issuer: 'https://bench.banter.local',
  audience: 'banter-bench',
} as const;

const key = new TextEncoder().encode(jwtSettings.secret);

/** A token valid for an hour: far longer than any run, so expiry never interferes. */
export function signToken(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(jwtSettings.issuer)
    .setAudience(jwtSettings.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}
