-- Operator console: finding a tenant among many, and paging through them in a stable order.

-- Case-insensitive substring search on a tenant's name and slug and on its owners' e-mail addresses.
-- pg_trgm is a trusted extension: a database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tenants_name_trgm_idx ON tenants USING gin (lower(name) gin_trgm_ops);
CREATE INDEX tenants_slug_trgm_idx ON tenants USING gin (lower(slug) gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (lower(email) gin_trgm_ops);

-- The tenants list is newest first; (created_at, id) is its immutable, unique sort key and cursor.
CREATE INDEX tenants_created_at_id_idx ON tenants (created_at, id);
