-- API instances cache API keys in memory; these notices tell every instance, within
-- milliseconds of the commit, which cached keys no longer hold. pg_notify delivers at commit
-- (nothing on rollback) and folds repeats of a payload within one transaction.
-- The functions run as whoever writes the row (warbler_app, warbler_platform or the owner):
-- they read only OLD and NEW, and pg_notify needs no grant.

CREATE FUNCTION app_notify_api_key_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('warbler_api_key_changes', OLD.prefix);
  IF TG_OP = 'UPDATE' AND NEW.prefix IS DISTINCT FROM OLD.prefix THEN
    PERFORM pg_notify('warbler_api_key_changes', NEW.prefix);
  END IF;
  RETURN NULL;
END
$$;

-- Only the columns app_api_key_by_prefix returns: the "last used" stamp the API writes on use
-- and renames must not empty the caches.
CREATE TRIGGER api_keys_notify_update
  AFTER UPDATE ON api_keys
  FOR EACH ROW
  WHEN ((OLD.tenant_id, OLD.prefix, OLD.key_hash, OLD.scopes, OLD.expires_at, OLD.revoked_at)
        IS DISTINCT FROM (NEW.tenant_id, NEW.prefix, NEW.key_hash, NEW.scopes, NEW.expires_at, NEW.revoked_at))
  EXECUTE FUNCTION app_notify_api_key_change();
CREATE TRIGGER api_keys_notify_delete
  AFTER DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION app_notify_api_key_change();

CREATE FUNCTION app_notify_tenant_status_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('warbler_api_key_changes', 'tenant:' || NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER tenants_notify_status
  AFTER UPDATE OF status ON tenants
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION app_notify_tenant_status_change();
