/**
 * Failures that belong to one payslip, not to the whole run: the send workflow records them
 * as that item's `failed` outcome with `code` as the error code (docs/month-end.md, Outcomes), and goes on.
 */

export class PayslipRenderError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Kivra takes at most 1 MB per content, the whole JSON included (docs/kivra-api.md §6). */
export class PayloadTooLargeError extends PayslipRenderError {
  readonly sizeBytes: number;
  readonly limitBytes: number;

  constructor(sizeBytes: number, limitBytes: number) {
    super(
      'payload_too_large',
      `The Kivra payload is ${sizeBytes} bytes, over Kivra's limit of ${limitBytes} bytes; it was not sent. ` +
        'Check the template logo and font sizes.',
    );
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

/** No valid 12-digit personnummer: Kivra has no other way to find a person's mailbox. */
export class PersonnummerRequiredError extends PayslipRenderError {
  constructor(problem: 'missing_personnummer' | 'invalid_personnummer', employeeNumber: string) {
    super(
      problem,
      problem === 'missing_personnummer'
        ? `Employee ${employeeNumber} has no personnummer, so the payslip cannot be addressed in Kivra.`
        : `Employee ${employeeNumber} has an invalid personnummer, so the payslip cannot be addressed in Kivra.`,
    );
  }
}
