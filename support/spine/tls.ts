/**
 * Client TLS for the SSP and provider legs (GP Connect 'Spine Secure Proxy' page): TLS 1.2 at least, the Spine cipher preference
 * list, the server's name checked against its certificate, an optional client certificate (PEM pair or PFX
 * with passphrase) and CA bundle. A handshake that fails is named for what went wrong, so a red run says
 * "unknown CA" rather than an OpenSSL error string. Material comes already resolved from the target's
 * secret references; nothing here reads the environment.
 */
import https from 'node:https';
import { createSecureContext } from 'node:tls';

/** Facts §2.5: the Spine's cipher preference list (TLS 1.2 suites; TLS 1.3 suites are negotiated separately). */
export const SPINE_CIPHERS = 'AESGCM+EECDH:AESGCM+EDH:AES256+EECDH:AES256+EDH';

export interface ClientTls {
  /** PEM: the CA bundle that signs the server's certificate (the system store otherwise). */
  ca?: string;
  /** PEM client certificate and key, or a PFX/PKCS#12 with its passphrase. */
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  /** The name the server's certificate must carry, when it differs from the URL's host. */
  servername?: string;
}

/** The client material does not load (a wrong passphrase, a key that is not the certificate's). */
export class TlsMaterialError extends Error {
  readonly code = 'ERR_TLS_CLIENT_MATERIAL';
}

/**
 * A keep-alive agent carrying the client TLS settings; give it to HttpCall.agent. The secure context is built
 * once, here, so bad material fails now with a named error instead of inside every request.
 */
export function tlsAgent(opts: ClientTls): https.Agent {
  let secureContext;
  try {
    secureContext = createSecureContext({
      minVersion: 'TLSv1.2',
      ciphers: SPINE_CIPHERS,
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(opts.cert && opts.key ? { cert: opts.cert, key: opts.key, passphrase: opts.passphrase } : {}),
      ...(opts.pfx ? { pfx: opts.pfx, passphrase: opts.passphrase } : {}),
    });
  } catch (err) {
    // OpenSSL's words (mac verify failure, bad decrypt, key values mismatch) never carry the material itself.
    throw new TlsMaterialError(`the client TLS material does not load: ${(err as Error).message}`);
  }
  return new https.Agent({
    keepAlive: true,
    secureContext,
    // Never switched off: a certificate that does not verify is a failure to name, not to skip.
    rejectUnauthorized: true,
    ...(opts.servername ? { servername: opts.servername } : {}),
  });
}

/** What a failed handshake means, by the OpenSSL/Node code or, failing that, the message. First match wins. */
const TLS_FAILURES: [RegExp, string, string][] = [
  [
    /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/,
    'tls-expired-cert',
    "the server's certificate is outside its validity period",
  ],
  [
    /ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/,
    'tls-wrong-host',
    "the server's certificate does not name the host",
  ],
  [
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT/,
    'tls-unknown-ca',
    "the server's certificate is not signed by a trusted CA",
  ],
  [
    /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|unsupported protocol|no protocols available|alert protocol version/i,
    'tls-protocol-version',
    'the server offers no TLS version of 1.2 or later',
  ],
  [
    /HANDSHAKE_FAILURE|NO_SHARED_CIPHER|no shared cipher|NO_CIPHERS|alert handshake failure/i,
    'tls-cipher-refused',
    'the server and the harness share no permitted cipher',
  ],
  [
    /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|peer did not return a certificate/i,
    'tls-client-cert-refused',
    'the server refused the client certificate (or its absence)',
  ],
  [
    /TLS_CLIENT_MATERIAL|BAD_DECRYPT|mac verify failure|PKCS12/i,
    'tls-client-material',
    'the client key or PFX cannot be opened (wrong passphrase?)',
  ],
  [/WRONG_VERSION_NUMBER|wrong version number/i, 'tls-not-tls', 'the server does not speak TLS on that port'],
  // Node's words for a peer that hung up mid-handshake: what a server does to a client certificate it distrusts.
  [
    /disconnected before secure TLS connection was established/,
    'tls-handshake-closed',
    'the server closed the connection during the handshake (often: it does not accept the client certificate)',
  ],
];

export interface TlsFailure {
  kind: string;
  meaning: string;
}

/** Names a TLS failure from a Node error; undefined when the error is not a TLS one. */
export function tlsFailure(err: unknown): TlsFailure | undefined {
  const text = `${(err as { code?: string }).code ?? ''} ${(err as Error).message ?? ''}`;
  const hit = TLS_FAILURES.find(([re]) => re.test(text));
  return hit && { kind: hit[1], meaning: hit[2] };
}
