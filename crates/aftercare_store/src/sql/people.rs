//! The `Store` methods on staff, API keys, sessions and sign-in links, as items of the one
//! `impl Store` that `impl_store!` writes for each database.

macro_rules! store_people {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn create_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "INSERT INTO api_keys (id, name, prefix, hash, scopes, created_by, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&key.id)
            .bind(&key.name)
            .bind(&key.prefix)
            .bind(&key.hash)
            .bind(key.scopes.join(" "))
            .bind(&key.created_by)
            .bind(micros(key.created_at))
            .bind(key.revoked_at.map(micros)))
            .await
            .map_err(|e| duplicate(e, "API key"))?;
            Ok(())
        }

        async fn api_key_by_hash(&self, hash: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
            let row = sqlx::query(
                "SELECT id, name, prefix, hash, scopes, created_by, created_at, revoked_at FROM api_keys WHERE hash = $1",
            )
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
            row.as_ref().map(Self::api_key_from).transpose()
        }

        async fn api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
            sqlx::query(
                "SELECT id, name, prefix, hash, scopes, created_by, created_at, revoked_at FROM api_keys ORDER BY created_at DESC, id",
            )
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Self::api_key_from)
            .collect()
        }

        async fn revoke_api_key(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
            let done = self.execute_write(sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(micros(at))
                .bind(id))
                .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "INSERT INTO users (id, email, name, password_hash, roles, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&user.id)
            .bind(&user.email)
            .bind(&user.name)
            .bind(&user.password_hash)
            .bind(user.roles.join(" "))
            .bind(micros(user.created_at))
            .bind(user.disabled_at.map(micros)))
            .await
            .map_err(|e| duplicate(e, "an account with this e-mail"))?;
            Ok(())
        }

        async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", user_columns!(), " FROM users WHERE email = $1"))
                .bind(email)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::user_from(&r))
                .transpose()
        }

        async fn user(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::user_from(&r))
                .transpose()
        }

        async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", user_columns!(), " FROM users ORDER BY email"))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::user_from)
                .collect()
        }

        async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "INSERT INTO sessions (id_hash, user_id, customer_email, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&session.id_hash)
            .bind(&session.user_id)
            .bind(&session.customer_email)
            .bind(&session.csrf_token)
            .bind(micros(session.created_at))
            .bind(micros(session.last_seen_at)))
            .await?;
            Ok(())
        }

        async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
            Ok(self.session_with_user(id_hash).await?.map(|(session, _)| session))
        }

        async fn session_with_user(&self, id_hash: &str) -> Result<Option<(SessionRecord, Option<UserRecord>)>, StoreError> {
            let cache = self.session_cache();
            if let Some(kept) = cache.and_then(|c| c.get(id_hash)) {
                return Ok(Some(kept));
            }
            let generation = cache.and_then(|c| c.generation());
            // One statement for every staff request: the session and the account behind it.
            let row = sqlx::query(
                "SELECT s.id_hash, s.user_id, s.customer_email, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, \
                 u.id, u.email, u.name, u.password_hash, u.roles, u.created_at, u.disabled_at \
                 FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
            )
            .bind(id_hash)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|row| {
                let session = SessionRecord {
                    id_hash: row.try_get("id_hash")?,
                    user_id: row.try_get("user_id")?,
                    customer_email: row.try_get("customer_email")?,
                    csrf_token: row.try_get("csrf_token")?,
                    created_at: timestamp(row.try_get("session_created_at")?)?,
                    last_seen_at: timestamp(row.try_get("last_seen_at")?)?,
                };
                let user = match row.try_get::<Option<String>, _>("id")? {
                    Some(_) => Some(Self::user_from(&row)?),
                    None => None,
                };
                Ok((session, user))
            })
            .transpose()
            .inspect(|found| {
                if let (Some(cache), Some(found)) = (cache, found) {
                    cache.keep(generation, id_hash, found);
                }
            })
        }

        async fn touch_session(&self, id_hash: &str, at: Timestamp) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                .bind(micros(at))
                .bind(id_hash))
                .await?;
            if let Some(cache) = self.session_cache() {
                cache.touched(id_hash, at);
            }
            Ok(())
        }

        async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError> {
            let done = self.execute_write(sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                .bind(id_hash))
                .await?;
            if let Some(cache) = self.session_cache() {
                cache.drop_all();
            }
            Ok(done.rows_affected() == 1)
        }

        async fn record_sign_in_failure(
            &self,
            account: &str,
            address: &str,
            at: Timestamp,
            forget_before: Timestamp,
        ) -> Result<(), StoreError> {
            let $pool = self;
            let mut tx = $begin;
            sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
                .bind(micros(forget_before))
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO sign_in_failures (account, address, at) VALUES ($1, $2, $3)")
                .bind(account)
                .bind(address)
                .bind(micros(at))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        }

        async fn sign_in_failures(
            &self,
            account: &str,
            address: &str,
            since: Timestamp,
        ) -> Result<(i64, i64), StoreError> {
            let by_account: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sign_in_failures WHERE account = $1 AND at >= $2",
            )
            .bind(account)
            .bind(micros(since))
            .fetch_one(&self.pool)
            .await?;
            let by_address: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sign_in_failures WHERE address = $1 AND at >= $2",
            )
            .bind(address)
            .bind(micros(since))
            .fetch_one(&self.pool)
            .await?;
            Ok((by_account, by_address))
        }

        async fn create_sign_in_link(&self, link: &SignInLink, mail: &NewMail) -> Result<(), StoreError> {
            let $pool = self;
            let mut tx = $begin;
            sqlx::query(
                "INSERT INTO sign_in_links (token_hash, customer_email, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&link.token_hash)
            .bind(&link.customer_email)
            .bind(micros(link.created_at))
            .bind(micros(link.expires_at))
            .execute(&mut *tx)
            .await?;
            Self::queue_mail(&mut tx, mail, None, link.created_at).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn use_sign_in_link(&self, token_hash: &str, at: Timestamp) -> Result<Option<String>, StoreError> {
            // One statement, so two clicks at once cannot both find the link unused.
            let row = self.fetch_optional_write(sqlx::query(
                "UPDATE sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING customer_email",
            )
            .bind(micros(at))
            .bind(token_hash))
            .await?;
            Ok(row.map(|row| row.try_get("customer_email")).transpose()?)
        }

        async fn shop_profile(&self) -> Result<Option<Value>, StoreError> {
            let row = sqlx::query("SELECT data FROM shop_profile ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| json(r.try_get::<&str, _>("data")?)).transpose()
        }

        async fn save_shop_profile(&self, profile: &Value, actor: &Value, at: Timestamp) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("INSERT INTO shop_profile (data, actor, at) VALUES ($1, $2, $3)")
                .bind(json_text(profile))
                .bind(json_text(actor))
                .bind(micros(at)))
                .await?;
            Ok(())
        }

        async fn change_user(&self, user_id: &str, change: &UserChange, actor: &Value, at: Timestamp) -> Result<bool, StoreError> {
            let $pool = self;
            let mut tx = $begin;
            let updated = match change {
                UserChange::Deactivated | UserChange::Reactivated => {
                    let disabled_at = matches!(change, UserChange::Deactivated).then_some(micros(at));
                    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
                        .bind(disabled_at)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?
                }
                UserChange::Edited { email, name, roles } => {
                    sqlx::query("UPDATE users SET email = $1, name = $2, roles = $3 WHERE id = $4")
                        .bind(email)
                        .bind(name)
                        .bind(roles.join(" "))
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("an account with this e-mail") } else { e.into() })?
                }
                UserChange::Password { hash, .. } => {
                    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                        .bind(hash)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?
                }
            };
            if updated.rows_affected() != 1 {
                return Ok(false);
            }
            match change {
                UserChange::Deactivated => {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await?;
                }
                // Whoever knew the old password is signed out everywhere but here.
                UserChange::Password { keep_session, .. } => {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
                        .bind(user_id)
                        .bind(keep_session.as_deref().unwrap_or(""))
                        .execute(&mut *tx)
                        .await?;
                }
                UserChange::Reactivated | UserChange::Edited { .. } => {}
            }
            Self::record_staff_change(&mut tx, user_id, &change.describe(), actor, at).await?;
            tx.commit().await?;
            if let Some(cache) = self.session_cache() {
                cache.drop_all();
            }
            Ok(true)
        }

        async fn shop_logo(&self) -> Result<Option<Option<Vec<u8>>>, StoreError> {
            let row = sqlx::query("SELECT png FROM shop_logo ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
            Ok(row.map(|r| r.try_get::<Option<Vec<u8>>, _>("png")).transpose()?)
        }

        async fn save_shop_logo(&self, png: Option<&[u8]>, actor: &Value, at: Timestamp) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("INSERT INTO shop_logo (png, actor, at) VALUES ($1, $2, $3)")
                .bind(png)
                .bind(json_text(actor))
                .bind(micros(at)))
                .await?;
            Ok(())
        }

        async fn staff_changes(&self, user_id: &str) -> Result<Vec<StaffChangeRecord>, StoreError> {
            sqlx::query("SELECT change, actor, at FROM staff_changes WHERE user_id = $1 ORDER BY at")
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| {
                    Ok(StaffChangeRecord {
                        change: row.try_get("change")?,
                        actor: json(row.try_get::<&str, _>("actor")?)?,
                        at: timestamp(row.try_get("at")?)?,
                    })
                })
                .collect()
        }

        async fn create_password_link(&self, link: &PasswordLink, mail: &NewMail, actor: &Value) -> Result<(), StoreError> {
            let $pool = self;
            let mut tx = $begin;
            sqlx::query("DELETE FROM password_links WHERE user_id = $1 AND used_at IS NULL")
                .bind(&link.user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO password_links (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&link.token_hash)
            .bind(&link.user_id)
            .bind(micros(link.created_at))
            .bind(micros(link.expires_at))
            .execute(&mut *tx)
            .await?;
            Self::queue_mail(&mut tx, mail, None, link.created_at).await?;
            Self::record_staff_change(&mut tx, &link.user_id, "set-password link sent", actor, link.created_at).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn password_link_user(&self, token_hash: &str, at: Timestamp) -> Result<Option<String>, StoreError> {
            Ok(sqlx::query_scalar(
                "SELECT l.user_id FROM password_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND u.disabled_at IS NULL",
            )
            .bind(token_hash)
            .bind(micros(at))
            .fetch_optional(&self.pool)
            .await?)
        }

        async fn use_password_link(&self, token_hash: &str, password_hash: &str, actor: &Value, at: Timestamp) -> Result<Option<String>, StoreError> {
            let $pool = self;
            let mut tx = $begin;
            // One statement claims the link, so two submissions at once cannot both use it.
            let user_id: Option<String> = sqlx::query_scalar(
                "UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
            )
            .bind(micros(at))
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(user_id) = user_id else {
                return Ok(None);
            };
            let updated = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND disabled_at IS NULL")
                .bind(password_hash)
                .bind(&user_id)
                .execute(&mut *tx)
                .await?;
            if updated.rows_affected() != 1 {
                // Dropping the transaction leaves the link as it was.
                return Ok(None);
            }
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(&user_id)
                .execute(&mut *tx)
                .await?;
            Self::record_staff_change(&mut tx, &user_id, "password set by link", actor, at).await?;
            tx.commit().await?;
            if let Some(cache) = self.session_cache() {
                cache.drop_all();
            }
            Ok(Some(user_id))
        }
    };
}
