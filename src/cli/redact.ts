// Last line of defence: no secret value from the environment is ever printed, whatever an error message holds.
const SECRET_VARS = [
  'STRIPE_API_KEY',
  'NETSUITE_CONSUMER_KEY',
  'NETSUITE_CONSUMER_SECRET',
  'NETSUITE_TOKEN_ID',
  'NETSUITE_TOKEN_SECRET',
  'NETSUITE_PRIVATE_KEY',
  'NETSUITE_CLIENT_ID',
];

export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  for (const name of SECRET_VARS) {
    const value = env[name]?.trim();
    if (value && value.length >= 6) out = out.split(value).join(`[${name}]`);
  }
  return out;
}
