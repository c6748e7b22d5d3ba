import type { EmployeeData, ImportedEmployee } from '../domain/payroll-export.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import type { Employee, PersonnummerProblem } from '../domain/types.js';
import type { Db } from './database.js';
import { cachedStatement } from './statements.js';

interface EmployeeRow {
  id: number;
  company_id: number;
  employee_number: string;
  personnummer: string | null;
  personnummer_input: string | null;
  personnummer_problem: PersonnummerProblem | null;
  personnummer_reason: PersonnummerFailure | null;
  first_name: string;
  last_name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  employment_end: string | null;
  kivra: number;
  print: number;
  flags_set_in_register: number;
  mailbox: number | null;
  mailbox_checked_at: string | null;
}

export function toEmployee(row: EmployeeRow): Employee {
  return {
    id: row.id,
    companyId: row.company_id,
    employeeNumber: row.employee_number,
    personnummer: row.personnummer,
    personnummerInput: row.personnummer_input,
    personnummerProblem: row.personnummer_problem,
    personnummerReason: row.personnummer_reason,
    firstName: row.first_name,
    lastName: row.last_name,
    address: { street: row.street, postalCode: row.postal_code, city: row.city },
    email: row.email,
    employmentEnd: row.employment_end,
    kivra: row.kivra === 1,
    print: row.print === 1,
    flagsSetInRegister: row.flags_set_in_register === 1,
    mailbox: row.mailbox === null ? null : row.mailbox === 1,
    mailboxCheckedAt: row.mailbox_checked_at,
  };
}

interface EmployeeFilter {
  kivra?: boolean;
  print?: boolean;
}

export function listEmployees(db: Db, companyId: number, filter: EmployeeFilter = {}): Employee[] {
  const rows = db
    .prepare(
      `SELECT * FROM employees WHERE company_id = @companyId
         AND (@kivra IS NULL OR kivra = @kivra) AND (@print IS NULL OR print = @print)
       ORDER BY length(employee_number), employee_number`,
    )
    .all({ companyId, kivra: optionalBit(filter.kivra), print: optionalBit(filter.print) }) as EmployeeRow[];
  return rows.map(toEmployee);
}

/**
 * The personnummer of a company's Kivra-flagged employees (those that have one): all a
 * mailbox match needs, without building 50,000 employees to read one field of each.
 */
export function listKivraPersonnummer(db: Db, companyId: number): string[] {
  return db.prepare('SELECT personnummer FROM employees WHERE company_id = ? AND kivra = 1 AND personnummer IS NOT NULL ORDER BY length(employee_number), employee_number').pluck().all(companyId) as string[];
}

export function countEmployees(db: Db, companyId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM employees WHERE company_id = ?').get(companyId) as { n: number }).n;
}

/** Finds one employee by employee number, or by a normalised 12-digit personnummer. */
export function findEmployees(db: Db, companyId: number, key: { employeeNumber?: string; personnummer?: string }): Employee[] {
  const rows = db
    .prepare(
      `SELECT * FROM employees WHERE company_id = @companyId
         AND (employee_number = @employeeNumber OR personnummer = @personnummer)`,
    )
    .all({ companyId, employeeNumber: key.employeeNumber ?? null, personnummer: key.personnummer ?? null }) as EmployeeRow[];
  return rows.map(toEmployee);
}

/**
 * Sets flags changed in the register. Marks them as the register's own, so a later
 * import of the payroll export does not overwrite them (docs/import-format.md).
 */
export function setEmployeeFlags(db: Db, employeeIds: readonly number[], flags: { kivra?: boolean; print?: boolean }, at: string): void {
  const statement = db.prepare(
    `UPDATE employees SET kivra = coalesce(@kivra, kivra), print = coalesce(@print, print),
       flags_set_in_register = 1, updated_at = @at WHERE id = @id`,
  );
  for (const id of employeeIds) statement.run({ id, kivra: optionalBit(flags.kivra), print: optionalBit(flags.print), at });
}

/** A new register entry: what the payroll system says of the employee, and the flags. */
export type NewEmployee = EmployeeData & Pick<Employee, 'kivra' | 'print'>;

export function insertEmployee(db: Db, companyId: number, e: NewEmployee, at: string): number {
  // Positional parameters: a sync inserts tens of thousands of employees, and binding by
  // name looks up every name on every row.
  const info = cachedStatement(
    db,
    `INSERT INTO employees (company_id, employee_number, personnummer, personnummer_input, personnummer_problem, personnummer_reason,
       first_name, last_name, street, postal_code, city, email, employment_end, kivra, print, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    companyId,
    e.employeeNumber,
    e.personnummer,
    e.personnummerInput,
    e.personnummerProblem,
    e.personnummerReason,
    e.firstName,
    e.lastName,
    e.address.street,
    e.address.postalCode,
    e.address.city,
    e.email,
    e.employmentEnd,
    e.kivra ? 1 : 0,
    e.print ? 1 : 0,
    at,
    at,
  );
  return Number(info.lastInsertRowid);
}

function optionalBit(value: boolean | undefined): number | null {
  return value === undefined ? null : value ? 1 : 0;
}

/** The seed behaviour of `activate`: one flag value for every employee of the company. */
export function setEmployeeFlagsForCompany(db: Db, companyId: number, flags: { kivra?: boolean; print?: boolean }, at: string): number {
  return db
    .prepare(
      `UPDATE employees SET kivra = coalesce(@kivra, kivra), print = coalesce(@print, print),
         flags_set_in_register = 1, updated_at = @at WHERE company_id = @companyId`,
    )
    .run({ companyId, kivra: optionalBit(flags.kivra), print: optionalBit(flags.print), at }).changes;
}

/**
 * Sync's write for one employee of the export. A new employee gets the export's flags, else
 * the company defaults; an existing one takes the export's personal data, and its flags
 * only when the export gives them and nobody changed them in the register.
 */
export function upsertImportedEmployee(
  db: Db,
  companyId: number,
  e: ImportedEmployee,
  defaults: { kivra: boolean; print: boolean },
  at: string,
): { id: number; result: 'added' | 'updated' | 'unchanged' } {
  const row = cachedStatement(db, 'SELECT * FROM employees WHERE company_id = ? AND employee_number = ?').get(companyId, e.employeeNumber) as EmployeeRow | undefined;
  if (!row) {
    const id = insertEmployee(
      db,
      companyId,
      {
        employeeNumber: e.employeeNumber,
        personnummer: e.personnummer,
        personnummerInput: e.personnummerInput,
        personnummerProblem: e.personnummerProblem,
        personnummerReason: e.personnummerReason,
        firstName: e.firstName,
        lastName: e.lastName,
        address: e.address,
        email: e.email,
        employmentEnd: e.employmentEnd,
        kivra: e.kivra ?? defaults.kivra,
        print: e.print ?? defaults.print,
      },
      at,
    );
    return { id, result: 'added' };
  }
  const keepFlags = row.flags_set_in_register === 1;
  const next = {
    personnummer: e.personnummer,
    personnummer_input: e.personnummerInput,
    personnummer_problem: e.personnummerProblem,
    personnummer_reason: e.personnummerReason,
    first_name: e.firstName,
    last_name: e.lastName,
    street: e.address.street,
    postal_code: e.address.postalCode,
    city: e.address.city,
    email: e.email,
    employment_end: e.employmentEnd,
    kivra: keepFlags || e.kivra === null ? row.kivra : e.kivra ? 1 : 0,
    print: keepFlags || e.print === null ? row.print : e.print ? 1 : 0,
  };
  const changed = (Object.keys(next) as Array<keyof typeof next>).some((key) => row[key] !== next[key]);
  if (!changed) return { id: row.id, result: 'unchanged' };
  // A different personnummer means a different person for Kivra: forget the old mailbox answer.
  const mailboxReset = row.personnummer !== next.personnummer;
  cachedStatement(
    db,
    `UPDATE employees SET personnummer = @personnummer, personnummer_input = @personnummer_input, personnummer_problem = @personnummer_problem,
       personnummer_reason = @personnummer_reason, first_name = @first_name, last_name = @last_name, street = @street, postal_code = @postal_code, city = @city, email = @email,
       employment_end = @employment_end, kivra = @kivra, print = @print,
       mailbox = CASE WHEN @mailboxReset = 1 THEN NULL ELSE mailbox END,
       mailbox_checked_at = CASE WHEN @mailboxReset = 1 THEN NULL ELSE mailbox_checked_at END,
       updated_at = @at
     WHERE id = @id`,
  ).run({ ...next, mailboxReset: mailboxReset ? 1 : 0, at, id: row.id });
  return { id: row.id, result: 'updated' };
}

/** Stores Kivra's answer to a mailbox match, with when it was asked. */
export function recordMailboxes(db: Db, companyId: number, answers: ReadonlyArray<{ personnummer: string; hasMailbox: boolean }>, at: string): void {
  const statement = db.prepare('UPDATE employees SET mailbox = ?, mailbox_checked_at = ? WHERE company_id = ? AND personnummer = ?');
  db.transaction(() => {
    for (const a of answers) statement.run(a.hasMailbox ? 1 : 0, at, companyId, a.personnummer);
  })();
}

export function getEmployeesByIds(db: Db, ids: readonly number[]): Map<number, Employee> {
  const result = new Map<number, Employee>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = cachedStatement(db, `SELECT * FROM employees WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as EmployeeRow[];
    for (const row of rows) result.set(row.id, toEmployee(row));
  }
  return result;
}

/**
 * The personnummer that more than one employee of the company has: a payroll system's
 * copy-paste error that would put one person's payslip in another's mailbox.
 */
export function duplicatePersonnummer(db: Db, companyId: number): Map<string, string[]> {
  const rows = db
    .prepare(
      `SELECT personnummer, employee_number FROM employees WHERE company_id = ? AND personnummer IN (
         SELECT personnummer FROM employees WHERE company_id = ? AND personnummer IS NOT NULL GROUP BY personnummer HAVING count(*) > 1)
       ORDER BY personnummer, length(employee_number), employee_number`,
    )
    .all(companyId, companyId) as Array<{ personnummer: string; employee_number: string }>;
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.personnummer, [...(groups.get(row.personnummer) ?? []), row.employee_number]);
  return groups;
}
