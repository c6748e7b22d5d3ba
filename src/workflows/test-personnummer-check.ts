import type { Company } from '../domain/types.js';

/**
 * Skatteverket's test personnummer are only worth a warning where a company sends for
 * real: the list (600 kB) is loaded for production companies only.
 */
export async function testPersonnummerCheck(company: Company): Promise<((personnummer: string) => boolean) | undefined> {
  if (company.settings.environment !== 'production') return undefined;
  const { isTestPersonnummer } = await import('../domain/test-personnummer.js');
  return isTestPersonnummer;
}
