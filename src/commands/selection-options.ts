import { z } from 'zod';

/** The options `select`, `send` and `preview` choose payslips by; the workflow reads the date. */
export const selectionOptionsSchema = z.object({
  date: z.string(),
  status: z.enum(['final', 'preliminary', 'any']).optional(),
  employees: z.string().optional(),
  resend: z.boolean().optional(),
  changed: z.boolean().optional(),
});
