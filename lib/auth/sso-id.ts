// The single sign-on provider's id in next-auth's routes, shared by the server and the sign-in
// button: the redirect URI to register at the provider is /api/auth/callback/oidc.
export const SSO_PROVIDER_ID = "oidc";
