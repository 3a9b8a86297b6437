//! The `Store` methods on conversations: threads, their messages and the "awaiting our reply"
//! queue, as items of the one `impl Store` that `impl_store!` writes for each database.

macro_rules! store_conversations {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn thread(&self, id: &str) -> Result<Option<ThreadRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", thread_columns!(), " FROM threads WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(|row| thread_from!(row))
                .transpose()
        }

        async fn threads_of_order(&self, order_id: &str) -> Result<Vec<ThreadRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", thread_columns!(), " FROM threads WHERE order_id = $1 ORDER BY last_message_at DESC, id"))
                .bind(order_id)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|row| thread_from!(row))
                .collect()
        }

        async fn messages(&self, thread_id: &str, internal: bool) -> Result<Vec<MessageRecord>, StoreError> {
            sqlx::query(concat!(
                "SELECT id, thread_id, seq, side, internal, author, author_name, body, attachments, via, at ",
                "FROM messages WHERE thread_id = $1 AND internal <= $2 ORDER BY seq",
            ))
            .bind(thread_id)
            .bind(i64::from(internal))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|row| {
                let attachments: String = row.try_get("attachments")?;
                Ok(MessageRecord {
                    id: row.try_get("id")?,
                    thread_id: row.try_get("thread_id")?,
                    seq: row.try_get("seq")?,
                    side: row.try_get("side")?,
                    internal: row.try_get::<i64, _>("internal")? != 0,
                    author: json(&row.try_get::<String, _>("author")?)?,
                    author_name: row.try_get("author_name")?,
                    body: row.try_get("body")?,
                    attachments: attachments.split_whitespace().map(str::to_owned).collect(),
                    via: row.try_get("via")?,
                    at: timestamp(row.try_get("at")?)?,
                })
            })
            .collect()
        }

        async fn post_message(&self, write: MessageWrite<'_>) -> Result<(), StoreError> {
            let (t, m) = (write.thread, write.message);
            let expected = t.version - 1;
            let $pool = self;
            let mut tx = $begin;
            let awaiting_since = t.awaiting_since.map(micros);
            let reply_due = t.awaiting_since.map(|_| deadline_text(t.reply_due));
            if expected == 0 {
                let created = sqlx::query(concat!(
                    "INSERT INTO threads (id, order_id, case_id, order_number, customer_email, messages, last_message_at, awaiting_since, reply_due, version) ",
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) ON CONFLICT (id) DO NOTHING",
                ))
                .bind(&t.id)
                .bind(&t.order_id)
                .bind(&t.case_id)
                .bind(&t.order_number)
                .bind(&t.customer_email)
                .bind(t.messages)
                .bind(micros(t.last_message_at))
                .bind(awaiting_since)
                .bind(&reply_due)
                .execute(&mut *tx)
                .await?;
                if created.rows_affected() != 1 {
                    return Err(StoreError::Conflict { expected });
                }
            } else {
                let moved = sqlx::query(concat!(
                    "UPDATE threads SET messages = $1, last_message_at = $2, awaiting_since = $3, reply_due = $4, version = $5 ",
                    "WHERE id = $6 AND version = $7",
                ))
                .bind(t.messages)
                .bind(micros(t.last_message_at))
                .bind(awaiting_since)
                .bind(&reply_due)
                .bind(t.version)
                .bind(&t.id)
                .bind(expected)
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() != 1 {
                    return Err(StoreError::Conflict { expected });
                }
            }
            sqlx::query(concat!(
                "INSERT INTO messages (id, thread_id, seq, side, internal, author, author_name, body, attachments, via, at) ",
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            ))
            .bind(&m.id)
            .bind(&m.thread_id)
            .bind(m.seq)
            .bind(&m.side)
            .bind(i64::from(m.internal))
            .bind(json_text(&m.author))
            .bind(&m.author_name)
            .bind(&m.body)
            .bind(m.attachments.join(" "))
            .bind(&m.via)
            .bind(micros(m.at))
            .execute(&mut *tx)
            .await?;
            for file in &m.attachments {
                // A file goes with one message only: sent twice, the second write is refused.
                let sent = sqlx::query("UPDATE evidence SET message_id = $1, attached_at = COALESCE(attached_at, $2) WHERE id = $3 AND message_id IS NULL")
                    .bind(&m.id)
                    .bind(micros(m.at))
                    .bind(file)
                    .execute(&mut *tx)
                    .await?;
                if sent.rows_affected() != 1 {
                    return Err(StoreError::Conflict { expected });
                }
            }
            for mail in write.mails {
                Self::queue_mail(&mut tx, mail, t.case_id.as_deref(), m.at).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        async fn awaiting_reply(&self, after: Option<(Option<Date>, &str)>, limit: u32) -> Result<Vec<ThreadRecord>, StoreError> {
            let (due, id) = after.map_or((String::new(), String::new()), |(d, id)| (deadline_text(d), id.to_owned()));
            sqlx::query(concat!(
                "SELECT ", thread_columns!(), " FROM threads WHERE reply_due IS NOT NULL ",
                "AND (reply_due > $1 OR (reply_due = $1 AND id > $2)) ORDER BY reply_due, id LIMIT $3",
            ))
            .bind(due)
            .bind(id)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|row| thread_from!(row))
            .collect()
        }

        async fn count_awaiting_reply(&self, today: Date) -> Result<(i64, i64), StoreError> {
            let row = sqlx::query("SELECT COUNT(*) AS n, SUM(CASE WHEN reply_due < $1 THEN 1 ELSE 0 END) AS overdue FROM threads WHERE reply_due IS NOT NULL")
                .bind(today.to_string())
                .fetch_one(&self.pool)
                .await?;
            Ok((row.try_get("n")?, row.try_get::<Option<i64>, _>("overdue")?.unwrap_or(0)))
        }

        async fn evidence_shared_with(&self, evidence_id: &str, customer_email: &str) -> Result<bool, StoreError> {
            let found: Option<String> = sqlx::query_scalar(concat!(
                "SELECT e.id FROM evidence e JOIN messages m ON m.id = e.message_id JOIN threads t ON t.id = m.thread_id ",
                "WHERE e.id = $1 AND m.internal = 0 AND t.customer_email = $2",
            ))
            .bind(evidence_id)
            .bind(customer_email)
            .fetch_optional(&self.pool)
            .await?;
            Ok(found.is_some())
        }

        async fn message_of_evidence(&self, evidence_id: &str) -> Result<Option<String>, StoreError> {
            Ok(sqlx::query_scalar::<_, Option<String>>("SELECT message_id FROM evidence WHERE id = $1")
                .bind(evidence_id)
                .fetch_optional(&self.pool)
                .await?
                .flatten())
        }
    };
}

macro_rules! thread_columns {
    () => {
        "id, order_id, case_id, order_number, customer_email, messages, last_message_at, awaiting_since, reply_due, version"
    };
}

macro_rules! thread_from {
    ($row:expr) => {{
        let row = $row;
        let reply_due: Option<String> = row.try_get("reply_due")?;
        Ok::<_, StoreError>(ThreadRecord {
            id: row.try_get("id")?,
            order_id: row.try_get("order_id")?,
            case_id: row.try_get("case_id")?,
            order_number: row.try_get("order_number")?,
            customer_email: row.try_get("customer_email")?,
            messages: row.try_get("messages")?,
            last_message_at: timestamp(row.try_get("last_message_at")?)?,
            awaiting_since: row
                .try_get::<Option<i64>, _>("awaiting_since")?
                .map(timestamp)
                .transpose()?,
            reply_due: match reply_due {
                Some(text) => deadline(&text)?,
                None => None,
            },
            version: row.try_get("version")?,
        })
    }};
}
