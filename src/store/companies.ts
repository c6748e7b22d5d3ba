import type { Company, CompanySettings, ContentType, Environment, RetentionDays } from '../domain/types.js';
import type { Db } from './database.js';

interface CompanyRow {
  id: number;
  org_number: string;
  name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  licence: number;
  tenant_key: string | null;
  environment: Environment;
  api_url: string | null;
  retention_days: RetentionDays;
  send_payslips: number;
  print_handling: number;
  active: number;
  content_type: ContentType;
  template_dir: string | null;
}

function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    orgNumber: row.org_number,
    name: row.name,
    address: { street: row.street, postalCode: row.postal_code, city: row.city },
    email: row.email,
    phone: row.phone,
    settings: {
      licence: row.licence === 1,
      tenantKey: row.tenant_key,
      environment: row.environment,
      apiUrl: row.api_url,
      retentionDays: row.retention_days,
      sendPayslips: row.send_payslips === 1,
      printHandling: row.print_handling === 1,
      active: row.active === 1,
      contentType: row.content_type,
      templateDir: row.template_dir,
    },
  };
}

export function listCompanies(db: Db): Company[] {
  return (db.prepare('SELECT * FROM companies ORDER BY org_number').all() as CompanyRow[]).map(toCompany);
}

export function findCompanyByOrgNumber(db: Db, orgNumber: string): Company | undefined {
  const row = db.prepare('SELECT * FROM companies WHERE org_number = ?').get(orgNumber) as CompanyRow | undefined;
  return row && toCompany(row);
}

export function getCompany(db: Db, id: number): Company {
  const row = db.prepare('SELECT * FROM companies WHERE id = ?').get(id) as CompanyRow | undefined;
  if (!row) throw new Error(`company ${id} does not exist`);
  return toCompany(row);
}

export interface CompanyDetails {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
}

export function insertCompany(db: Db, orgNumber: string, details: CompanyDetails, at: string): Company {
  const info = db
    .prepare(
      `INSERT INTO companies (org_number, name, street, postal_code, city, email, phone, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(orgNumber, details.name, details.street, details.postalCode, details.city, details.email, details.phone, at, at);
  return getCompany(db, Number(info.lastInsertRowid));
}

export function updateCompanyDetails(db: Db, id: number, details: CompanyDetails, at: string): void {
  db.prepare(
    `UPDATE companies SET name = ?, street = ?, postal_code = ?, city = ?, email = ?, phone = ?, updated_at = ? WHERE id = ?`,
  ).run(details.name, details.street, details.postalCode, details.city, details.email, details.phone, at, id);
}

export function updateCompanySettings(db: Db, id: number, settings: CompanySettings, at: string): void {
  db.prepare(
    `UPDATE companies SET licence = ?, tenant_key = ?, environment = ?, api_url = ?, retention_days = ?,
       send_payslips = ?, print_handling = ?, active = ?, content_type = ?, template_dir = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    bit(settings.licence),
    settings.tenantKey,
    settings.environment,
    settings.apiUrl,
    settings.retentionDays,
    bit(settings.sendPayslips),
    bit(settings.printHandling),
    bit(settings.active),
    settings.contentType,
    settings.templateDir,
    at,
    id,
  );
}

function bit(value: boolean): number {
  return value ? 1 : 0;
}
