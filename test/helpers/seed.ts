import { openDatabase } from '../../src/store/database.js';
import { insertEmployee, type NewEmployee } from '../../src/store/employees.js';
import { findCompanyByOrgNumber } from '../../src/store/companies.js';

/** Seeds employees straight into a test database (until a test goes through `sync`). */
export function seedEmployees(dbPath: string, orgNumber: string, employees: Array<Partial<NewEmployee> & { employeeNumber: string }>): void {
  const db = openDatabase(dbPath);
  try {
    const company = findCompanyByOrgNumber(db, orgNumber);
    if (!company) throw new Error(`no company ${orgNumber}`);
    const at = new Date().toISOString();
    db.transaction(() => {
      for (const e of employees) {
        insertEmployee(db, company.id, {
          personnummer: null,
          personnummerInput: null,
          personnummerProblem: null,
          personnummerReason: null,
          firstName: 'Test',
          lastName: `Person ${e.employeeNumber}`,
          address: { street: 'Lillgatan 2', postalCode: '222 33', city: 'Lund' },
          email: null,
          employmentEnd: null,
          kivra: false,
          print: false,
          ...e,
        }, at);
      }
    })();
  } finally {
    db.close();
  }
}
