import { IntegrationField, INTEGRATION_SYSTEMS } from '@limye/contracts';

/**
 * The fields each system takes, as Markdown for the API document, written from INTEGRATION_SYSTEMS (libs/contracts)
 * so the document says what the service checks: `secret` true for the secrets, false for the options.
 */
export function integrationFieldsDescription(secret: boolean): string {
  return Object.entries(INTEGRATION_SYSTEMS)
    .map(([system, { description, fields }]) => {
      const lines = Object.entries(fields as Record<string, IntegrationField>)
        .filter(([, f]) => f.secret === secret)
        .map(([name, f]) => `\`${name}\` (${fieldRule(f)}): ${f.description}`);
      return `**${system}** (${description}): ${lines.length > 0 ? lines.join('; ') : 'none'}.`;
    })
    .join('\n\n');
}

function fieldRule(f: IntegrationField): string {
  const rule = [f.required ? 'required' : 'optional'];
  if (f.allowed) rule.push(`one of ${f.allowed.map((a) => `\`${a}\``).join(', ')}`);
  if (f.patternMessage) rule.push(f.patternMessage);
  rule.push(`at most ${f.maxLength} characters`);
  return rule.join(', ');
}
