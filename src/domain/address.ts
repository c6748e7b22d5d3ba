import type { Address } from './types.js';

type AddressField = keyof Address;

const FIELDS: readonly AddressField[] = ['street', 'postalCode', 'city'];

/**
 * The parts a window envelope needs that are missing or blank. Empty means the address
 * is complete, which the channel rule (docs/month-end.md) requires before a payslip goes to print.
 */
export function missingAddressFields(address: Address): AddressField[] {
  return FIELDS.filter((field) => (address[field] ?? '').trim() === '');
}

export function isAddressComplete(address: Address): boolean {
  return missingAddressFields(address).length === 0;
}
