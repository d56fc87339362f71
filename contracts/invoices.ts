/**
 * Where invoices live in skip-the-line's bucket: every key starts with this prefix. The stack grants the
 * functions exactly this prefix; put_object writes under it and get_object reads under it. Imports nothing.
 */
export const INVOICE_PREFIX = 'invoices/';
