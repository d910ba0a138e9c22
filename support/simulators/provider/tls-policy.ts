/**
 * The embedded provider's HTTPS mode (issue 16.3): the TLS policy a GP Connect provider must hold on the SSP leg —
 * TLS 1.2 only, mutual authentication against the CA the Spine's certificates chain to, and the spec's cipher
 * preference list (GP Connect 'Security guidance'; the provider suite refuses AES128-SHA256 and NULL-MD5).
 */
import type https from 'node:https';

/** The cipher preference list, as an OpenSSL cipher string. */
export const GPC_CIPHERS = 'AESGCM+EECDH:AESGCM+EDH:AES256+EECDH:AES256+EDH';

export interface ProviderPem {
  key: string;
  cert: string;
  /** The CA a client's certificate must chain to. */
  ca: string;
}

/** The server options of a provider that holds the policy: no certificate, old protocol or weak cipher, no answer. */
export function providerTls(pem: ProviderPem): https.ServerOptions {
  return {
    ...pem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    ciphers: GPC_CIPHERS,
    honorCipherOrder: true,
  };
}
