import { join } from "node:path"

/** The Demo backend's users (Lemonldap::NG::Portal::UserDB::Demo): the password is the user name. */
export const DEMO_USERS = ["dwho", "rtyler", "msmith"] as const

export interface LlngConfigInput {
  /** The portal's URL, `https://127.0.0.1:<port>/` (ends with /). */
  readonly portal: string
  /** The OIDC issuer; the portal when absent (a path is allowed: `https://127.0.0.1:<port>/some/path`). */
  readonly issuer: string
  /** Where sessions, OIDC codes/tokens and registered clients live. */
  readonly dataDir: string
  /** Load OxdTest::ClientMetadata (perl/): registration honours grant_types, post_logout_redirect_uris, auth method none. */
  readonly clientMetadataPlugin: boolean
  /** RS256 signing key (PKCS#1 PEM) and its public key (SPKI PEM). */
  readonly signingKeyPem: string
  readonly signingPublicKeyPem: string
  readonly keyId: string
}

const fileStorage = (dir: string) => ({
  Directory: join(dir, "sessions"),
  LockDirectory: join(dir, "sessions", "lock"),
  generateModule: "Lemonldap::NG::Common::Apache::Session::Generate::SHA256",
})

/**
 * lmConf-1.json: Demo authentication and user database, the OpenID Connect issuer with dynamic registration open,
 * authorization code flow, introspection and end-session (their defaults), RS256 keys. Keys are those of
 * Lemonldap::NG::Common::Conf::DefaultValues and Portal::Issuer::OpenIDConnect (2.16).
 */
export const lmConf = (c: LlngConfigInput): Record<string, unknown> => ({
  cfgNum: 1,
  cfgAuthor: "oxd-ts tests",
  cfgDate: String(Math.floor(Date.now() / 1000)),
  cfgVersion: "2.16.1",
  portal: c.portal,
  domain: new URL(c.portal).hostname,
  securedCookie: 1,
  cookieName: "lemonldap",
  authentication: "Demo",
  userDB: "Same",
  passwordDB: "Demo",
  registerDB: "Null",
  demoExportedVars: { cn: "cn", mail: "mail", uid: "uid" },
  exportedVars: {},
  whatToTrace: "uid",
  timeout: 72000,
  // re-read the configuration (clients registered since) at most a second after it changed (default 600 s)
  checkTime: 1,
  loginHistoryEnabled: 0,
  notification: 0,
  portalSkin: "bootstrap",
  // the tests are the only users: no captcha, no brute-force delay, no 2FA
  globalStorage: "Apache::Session::File",
  globalStorageOptions: fileStorage(c.dataDir),
  persistentStorage: "Apache::Session::File",
  persistentStorageOptions: {
    Directory: join(c.dataDir, "psessions"),
    LockDirectory: join(c.dataDir, "psessions", "lock"),
  },
  localSessionStorage: "Cache::FileCache",
  localSessionStorageOptions: {
    cache_root: join(c.dataDir, "cache"),
    namespace: "lemonldap-ng-sessions",
    default_expires_in: 600,
    directory_umask: "007",
    cache_depth: 3,
  },
  locationRules: {},
  issuerDBOpenIDConnectActivation: 1,
  issuerDBOpenIDConnectPath: "^/oauth2/",
  oidcServiceMetaDataIssuer: c.issuer,
  oidcServiceAllowDynamicRegistration: 1,
  oidcServiceAllowAuthorizationCodeFlow: 1,
  // what a dynamically registered client's ID token and userinfo carry (claim → session attribute)
  oidcServiceDynamicRegistrationExportedVars: { email: "mail", name: "cn", preferred_username: "uid" },
  ...(c.clientMetadataPlugin ? { customPlugins: "OxdTest::ClientMetadata" } : {}),
  oidcServicePrivateKeySig: c.signingKeyPem,
  oidcServicePublicKeySig: c.signingPublicKeyPem,
  oidcServiceKeyIdSig: c.keyId,
  oidcServiceKeyTypeSig: "RSA",
})

/** lemonldap-ng.ini: the File configuration backend in `confDir`, logs to stderr, the packaged templates. */
export const lemonldapIni = (confDir: string, logLevel: string): string => `[all]
logLevel = ${logLevel}
logger = Lemonldap::NG::Common::Logger::Std
userLogger = Lemonldap::NG::Common::Logger::Std
checkTime = 1

[configuration]
type = File
dirName = ${confDir}
prettyPrint = 1

[portal]
staticPrefix = /static
templateDir = /usr/share/lemonldap-ng/portal/templates
languages = en

[handler]
status = 0
`

/** nginx in the foreground: TLS on 127.0.0.1:`port`, the portal passed to the FastCGI server's socket. */
export const nginxConf = (o: {
  readonly dir: string
  readonly port: number
  readonly cert: string
  readonly key: string
  readonly socket: string
  readonly asRoot: boolean
  /** The issuer's path ("" or "/a/b"): requests under it reach the portal without it (LLNG serves the issuer at its root). */
  readonly issuerPath: string
}): string => `${o.asRoot ? "user root;\n" : ""}daemon off;
worker_processes 1;
pid ${join(o.dir, "nginx.pid")};
error_log ${join(o.dir, "nginx-error.log")} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(o.dir, "tmp", "body")};
  fastcgi_temp_path ${join(o.dir, "tmp", "fastcgi")};
  proxy_temp_path ${join(o.dir, "tmp", "proxy")};
  uwsgi_temp_path ${join(o.dir, "tmp", "uwsgi")};
  scgi_temp_path ${join(o.dir, "tmp", "scgi")};
  types { text/css css; application/javascript js; image/png png; image/svg+xml svg; image/x-icon ico; }
  server {
    listen 127.0.0.1:${o.port} ssl;
    server_name 127.0.0.1;
    ssl_certificate ${o.cert};
    ssl_certificate_key ${o.key};
    root /usr/share/lemonldap-ng/portal/htdocs/;
    location /static/ { alias /usr/share/lemonldap-ng/portal/htdocs/static/; }
    location /javascript/ { alias /usr/share/javascript/; }
${o.issuerPath ? `    location ${o.issuerPath}/ { rewrite ^${o.issuerPath}(/.*)$ $1 last; }\n` : ""}    location / {
      fastcgi_pass unix:${o.socket};
      # Debian's fastcgi_params, with REQUEST_URI and PATH_INFO of the rewritten request (the issuer's path cut off)
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param CONTENT_TYPE $content_type;
      fastcgi_param CONTENT_LENGTH $content_length;
      fastcgi_param REQUEST_URI $uri$is_args$args;
      fastcgi_param DOCUMENT_URI $uri;
      fastcgi_param SERVER_PROTOCOL $server_protocol;
      fastcgi_param REQUEST_SCHEME $scheme;
      fastcgi_param HTTPS on;
      fastcgi_param GATEWAY_INTERFACE CGI/1.1;
      fastcgi_param SERVER_SOFTWARE nginx;
      fastcgi_param REMOTE_ADDR $remote_addr;
      fastcgi_param REMOTE_PORT $remote_port;
      fastcgi_param SERVER_ADDR $server_addr;
      fastcgi_param SERVER_PORT $server_port;
      fastcgi_param SERVER_NAME $server_name;
      fastcgi_param HTTP_HOST $http_host;
      fastcgi_param LLTYPE portal;
      fastcgi_param SCRIPT_NAME "";
      fastcgi_param PATH_INFO $uri;
    }
  }
}
`
