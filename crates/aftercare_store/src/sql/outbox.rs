//! The `Store` methods on the mail outbox, the dashboards' counts and evidence, as items of the
//! one `impl Store` that `impl_store!` writes for each database.

macro_rules! store_outbox {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn claim_mail(&self, at: Timestamp, lease: jiff::SignedDuration, limit: u32) -> Result<Vec<MailRecord>, StoreError> {
            let now = micros(at);
            let until = now.saturating_add(lease.as_micros().try_into().unwrap_or(i64::MAX));
            let rows = self.fetch_all_write(sqlx::query(concat!(
                "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (",
                "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) ",
                "ORDER BY next_attempt_at, id LIMIT $3", $skip_locked, ") ",
                "RETURNING id, recipient, subject, text_body, html_body, reply_to, drawn, case_id, created_at, next_attempt_at, attempts",
            ))
            .bind(until)
            .bind(now)
            .bind(i64::from(limit)))
            .await?;
            if rows.is_empty() {
                return Ok(Vec::new());
            }
            // The attachments of the mails this claim holds, named by their ids: found by the
            // lease instead, the read walked every pending e-mail, a backlog's worth of rows.
            let mut ids = Vec::with_capacity(rows.len());
            for row in &rows {
                ids.push(row.try_get::<String, _>("id")?);
            }
            let mut read = QueryBuilder::<$db>::new(
                "SELECT mail_id, name, content_type, data FROM outbox_attachments WHERE mail_id IN (",
            );
            let mut list = read.separated(", ");
            for id in &ids {
                list.push_bind(id);
            }
            read.push(") ORDER BY mail_id, position");
            let mut attachments: std::collections::HashMap<String, Vec<MailAttachment>> = std::collections::HashMap::new();
            // Not kept among the prepared statements: the list's length varies with the batch.
            for a in read.build().persistent(false).fetch_all(&self.pool).await?
            {
                attachments.entry(a.try_get("mail_id")?).or_default().push(MailAttachment {
                    name: a.try_get("name")?,
                    content_type: a.try_get("content_type")?,
                    data: a.try_get("data")?,
                });
            }
            let mut mails = Vec::with_capacity(rows.len());
            for (row, id) in rows.into_iter().zip(ids) {
                let due: i64 = row.try_get("next_attempt_at")?;
                mails.push((due, MailRecord {
                    attachments: attachments.remove(&id).unwrap_or_default(),
                    id,
                    recipient: row.try_get("recipient")?,
                    subject: row.try_get("subject")?,
                    text_body: row.try_get("text_body")?,
                    html_body: row.try_get("html_body")?,
                    reply_to: row.try_get("reply_to")?,
                    drawn: row.try_get::<&str, _>("drawn")?.split_whitespace().map(str::to_owned).collect(),
                    case_id: row.try_get("case_id")?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    attempts: row.try_get("attempts")?,
                }));
            }
            // RETURNING keeps no order; the oldest goes first, as the claim chose them.
            mails.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
            Ok(mails.into_iter().map(|(_, mail)| mail).collect())
        }

        async fn mail_sent(&self, ids: &[String], at: Timestamp) -> Result<(), StoreError> {
            if ids.is_empty() {
                return Ok(());
            }
            let mut update = QueryBuilder::<$db>::new("UPDATE outbox SET sent_at = ");
            update.push_bind(micros(at));
            update.push(", claimed_until = NULL, last_error = NULL WHERE id IN (");
            let mut list = update.separated(", ");
            for id in ids {
                list.push_bind(id);
            }
            update.push(")");
            // Not kept among the prepared statements: the list's length varies with the batch.
            self.execute_write(update.build().persistent(false)).await?;
            Ok(())
        }

        async fn mail_failed(&self, id: &str, retry_at: Option<Timestamp>, error: &str) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
                .bind(retry_at.map_or(i64::MAX, micros))
                .bind(error)
                .bind(id))
                .await?;
            Ok(())
        }

        async fn open_counts(&self, today: Date) -> Result<Vec<OpenCount>, StoreError> {
            let rows = sqlx::query(
                // The sums of the counts' rows (one per kind, step and deadline once compacted),
                // never a read of the open cases themselves.
                "SELECT kind, state, CAST(SUM(n) AS BIGINT) AS open, CAST(SUM(CASE WHEN deadline < $1 THEN n ELSE 0 END) AS BIGINT) AS overdue, CAST(SUM(CASE WHEN deadline = $1 THEN n ELSE 0 END) AS BIGINT) AS due_today FROM case_counts GROUP BY kind, state HAVING SUM(n) <> 0 ORDER BY kind, state",
            )
            .bind(today.to_string())
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|row| {
                    let kind: &str = row.try_get("kind")?;
                    Ok(OpenCount {
                        kind: CaseKind::parse(kind)
                            .ok_or_else(|| StoreError::Corrupt(format!("case kind {kind}")))?,
                        state: row.try_get("state")?,
                        open: row.try_get("open")?,
                        overdue: row.try_get::<Option<i64>, _>("overdue")?.unwrap_or(0),
                        due_today: row.try_get::<Option<i64>, _>("due_today")?.unwrap_or(0),
                    })
                })
                .collect()
        }

        async fn count_overdue(&self, today: Date) -> Result<i64, StoreError> {
            Ok(sqlx::query_scalar("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM case_counts WHERE deadline < $1")
                .bind(today.to_string())
                .fetch_one(&self.pool)
                .await?)
        }

        async fn compact_case_counts(&self) -> Result<u64, StoreError> {
            // A read first: when every kind, step and deadline has one row and none sums to
            // nothing, there is nothing to fold, and an idle server writes nothing every round.
            let unfolded: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM (SELECT 1 FROM case_counts GROUP BY kind, state, deadline HAVING COUNT(*) > 1 OR SUM(n) = 0) AS unfolded",
            )
            .fetch_one(&self.pool)
            .await?;
            if unfolded == 0 {
                return Ok(0);
            }
            self.compact_counts().await
        }

        async fn outbox_depth(&self) -> Result<i64, StoreError> {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
                .fetch_one(&self.pool)
                .await?)
        }

        async fn create_evidence(&self, e: &EvidenceRecord) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "INSERT INTO evidence (id, owner, media_type, size_bytes, sha256, width, height, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&e.id)
            .bind(&e.owner)
            .bind(&e.media_type)
            .bind(e.size_bytes)
            .bind(&e.sha256)
            .bind(e.width)
            .bind(e.height)
            .bind(micros(e.created_at)))
            .await?;
            Ok(())
        }

        async fn evidence(&self, id: &str) -> Result<Option<EvidenceRecord>, StoreError> {
            let row = sqlx::query(
                "SELECT id, owner, media_type, size_bytes, sha256, width, height, created_at FROM evidence WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|row| Self::evidence_from(&row)).transpose()
        }

        async fn unattached_evidence_before(
            &self,
            before: Timestamp,
            limit: u32,
        ) -> Result<Vec<EvidenceRecord>, StoreError> {
            sqlx::query(
                "SELECT id, owner, media_type, size_bytes, sha256, width, height, created_at FROM evidence WHERE created_at < $1 AND attached_at IS NULL ORDER BY created_at, id LIMIT $2",
            )
            .bind(micros(before))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Self::evidence_from)
            .collect()
        }

        async fn evidence_named(
            &self,
            id: &str,
            customer_email: Option<&str>,
        ) -> Result<bool, StoreError> {
            // Ids are UUIDs: no LIKE wildcard in them. A longer string that contains one
            // keeps the file, which errs on the safe side.
            let pattern = format!("%{id}%");
            let found = match customer_email {
                Some(email) => sqlx::query_scalar::<_, i64>(
                    "SELECT CAST(1 AS BIGINT) FROM cases WHERE customer_email = $1 AND data LIKE $2 LIMIT 1",
                )
                .bind(email)
                .bind(&pattern)
                .fetch_optional(&self.pool)
                .await?,
                None => sqlx::query_scalar::<_, i64>(
                    "SELECT CAST(1 AS BIGINT) FROM cases WHERE data LIKE $1 LIMIT 1",
                )
                .bind(&pattern)
                .fetch_optional(&self.pool)
                .await?,
            };
            Ok(found.is_some())
        }

        async fn mark_evidence_attached(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("UPDATE evidence SET attached_at = $1 WHERE id = $2")
                .bind(micros(at))
                .bind(id))
                .await?;
            Ok(())
        }

        async fn delete_evidence(&self, id: &str) -> Result<bool, StoreError> {
            let deleted = self.execute_write(sqlx::query("DELETE FROM evidence WHERE id = $1")
                .bind(id))
                .await?;
            Ok(deleted.rows_affected() > 0)
        }
    };
}
