//! The `Store` methods on the connections: webhook endpoints and their deliveries, and tracking
//! events in, as items of the one
//! `impl Store` that `impl_store!` writes for each database. Deliveries are queued by
//! `append_events`, in the transaction of the events they announce.

macro_rules! store_webhooks {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn create_webhook_endpoint(&self, e: &WebhookEndpoint) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "INSERT INTO webhook_endpoints (id, url, secret, events, description, created_by, created_at, disabled_at, disabled_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&e.id)
            .bind(&e.url)
            .bind(&e.secret)
            .bind(e.events.join(" "))
            .bind(&e.description)
            .bind(&e.created_by)
            .bind(micros(e.created_at))
            .bind(e.disabled_at.map(micros))
            .bind(&e.disabled_reason))
            .await?;
            Ok(())
        }

        async fn webhook_endpoints(&self) -> Result<Vec<WebhookEndpoint>, StoreError> {
            sqlx::query(concat!("SELECT ", webhook_endpoint_columns!(), " FROM webhook_endpoints ORDER BY created_at DESC, id"))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::webhook_endpoint_from)
                .collect()
        }

        async fn webhook_endpoint(&self, id: &str) -> Result<Option<WebhookEndpoint>, StoreError> {
            sqlx::query(concat!("SELECT ", webhook_endpoint_columns!(), " FROM webhook_endpoints WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map(Self::webhook_endpoint_from)
                .transpose()
        }

        async fn set_webhook_endpoint_disabled(&self, id: &str, disabled: Option<(Timestamp, &str)>, mails: &[NewMail]) -> Result<bool, StoreError> {
            let $pool = self;
            let mut tx = $begin;
            let done = sqlx::query("UPDATE webhook_endpoints SET disabled_at = $1, disabled_reason = $2 WHERE id = $3")
                .bind(disabled.map(|(at, _)| micros(at)))
                .bind(disabled.map(|(_, why)| why))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if disabled.is_some() {
                // What waits for a disabled endpoint stops; a re-send after enabling brings it back.
                sqlx::query("UPDATE webhook_deliveries SET next_attempt_at = NULL, claimed_until = NULL WHERE endpoint_id = $1 AND next_attempt_at IS NOT NULL")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            for mail in mails {
                Self::queue_mail(&mut tx, mail, None, disabled.map_or(Timestamp::UNIX_EPOCH, |(at, _)| at)).await?;
            }
            tx.commit().await?;
            Ok(true)
        }

        async fn claim_webhook(&self, at: Timestamp, lease: jiff::SignedDuration) -> Result<Option<WebhookDelivery>, StoreError> {
            let now = micros(at);
            let until = now.saturating_add(lease.as_micros().try_into().unwrap_or(i64::MAX));
            let row = self.fetch_optional_write(sqlx::query(concat!(
                "UPDATE webhook_deliveries SET claimed_until = $1, attempts = attempts + 1 WHERE id = (",
                "SELECT id FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) ",
                "ORDER BY next_attempt_at, created_at, id LIMIT 1", $skip_locked, ") ",
                "RETURNING ", webhook_delivery_columns!(),
            ))
            .bind(until)
            .bind(now))
            .await?;
            row.as_ref().map(Self::webhook_delivery_from).transpose()
        }

        async fn webhook_attempted(&self, id: &str, a: &WebhookAttempt) -> Result<(), StoreError> {
            self.execute_write(sqlx::query(
                "UPDATE webhook_deliveries SET claimed_until = NULL, last_attempt_at = $1, last_status = $2, last_error = $3, next_attempt_at = $4, delivered_at = CASE WHEN $5 THEN $1 ELSE delivered_at END WHERE id = $6",
            )
            .bind(micros(a.at))
            .bind(a.status)
            .bind(&a.error)
            .bind(a.retry_at.map(micros))
            .bind(a.delivered)
            .bind(id))
            .await?;
            Ok(())
        }

        async fn webhook_deliveries(&self, endpoint_id: &str, limit: u32) -> Result<Vec<WebhookDelivery>, StoreError> {
            sqlx::query(concat!("SELECT ", webhook_delivery_columns!(), " FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"))
                .bind(endpoint_id)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::webhook_delivery_from)
                .collect()
        }

        async fn webhook_summaries(&self) -> Result<Vec<(String, WebhookSummary)>, StoreError> {
            let rows = sqlx::query(concat!(
                "SELECT endpoint_id, ",
                "SUM(CASE WHEN delivered_at IS NOT NULL AND next_attempt_at IS NULL THEN 1 ELSE 0 END) AS delivered, ",
                "SUM(CASE WHEN next_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS waiting, ",
                "SUM(CASE WHEN delivered_at IS NULL AND next_attempt_at IS NULL THEN 1 ELSE 0 END) AS given_up, ",
                "MAX(delivered_at) AS last_delivered_at, ",
                "MAX(CASE WHEN last_error IS NOT NULL THEN last_attempt_at END) AS last_failed_at ",
                "FROM webhook_deliveries GROUP BY endpoint_id",
            ))
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|row| {
                    let at = |column: &str| -> Result<Option<Timestamp>, StoreError> {
                        row.try_get::<Option<i64>, _>(column)?.map(timestamp).transpose()
                    };
                    let count = |column: &str| -> Result<i64, StoreError> {
                        Ok(row.try_get::<Option<i64>, _>(column)?.unwrap_or(0))
                    };
                    Ok((
                        row.try_get("endpoint_id")?,
                        WebhookSummary {
                            delivered: count("delivered")?,
                            waiting: count("waiting")?,
                            given_up: count("given_up")?,
                            last_delivered_at: at("last_delivered_at")?,
                            last_failed_at: at("last_failed_at")?,
                        },
                    ))
                })
                .collect()
        }

        async fn resend_webhook(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
            let done = self.execute_write(sqlx::query("UPDATE webhook_deliveries SET next_attempt_at = $1, claimed_until = NULL WHERE id = $2")
                .bind(micros(at))
                .bind(id))
                .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn record_tracking_event(&self, e: &TrackingEventRecord) -> Result<bool, StoreError> {
            let done = self.execute_write(sqlx::query(
                "INSERT INTO tracking_events (source, event_id, tracking_number, status, at, description, case_id, outcome, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source, event_id) DO NOTHING",
            )
            .bind(&e.source)
            .bind(&e.event_id)
            .bind(&e.tracking_number)
            .bind(&e.status)
            .bind(micros(e.at))
            .bind(&e.description)
            .bind(&e.case_id)
            .bind(&e.outcome)
            .bind(micros(e.received_at)))
            .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn set_tracking_outcome(&self, source: &str, event_id: &str, outcome: &str) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("UPDATE tracking_events SET outcome = $1 WHERE source = $2 AND event_id = $3")
                .bind(outcome)
                .bind(source)
                .bind(event_id))
                .await?;
            Ok(())
        }

        async fn case_by_tracking_number(&self, tracking_number: &str) -> Result<Option<CaseRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE tracking_number = $1 ORDER BY is_open DESC, created_at DESC, id LIMIT 1"))
                .bind(tracking_number.trim().to_uppercase())
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map(Self::case_from)
                .transpose()
        }

        async fn link_store_order(&self, source: &str, store_id: &str, order_number: &str) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("INSERT INTO store_orders (source, store_id, order_number) VALUES ($1, $2, $3) ON CONFLICT (source, store_id) DO NOTHING")
                .bind(source)
                .bind(store_id)
                .bind(order_number))
                .await?;
            Ok(())
        }

        async fn store_order_number(&self, source: &str, store_id: &str) -> Result<Option<String>, StoreError> {
            Ok(sqlx::query("SELECT order_number FROM store_orders WHERE source = $1 AND store_id = $2")
                .bind(source)
                .bind(store_id)
                .fetch_optional(&self.pool)
                .await?
                .map(|row| row.try_get("order_number"))
                .transpose()?)
        }

        async fn set_order_payment_id(&self, order_id: &str, payment_id: &str) -> Result<bool, StoreError> {
            let Some(stored) = sqlx::query("SELECT data FROM orders WHERE id = $1")
                .bind(order_id)
                .fetch_optional(&self.pool)
                .await?
            else {
                return Ok(false);
            };
            let text: String = stored.try_get("data")?;
            let mut data: Value = serde_json::from_str(&text)
                .map_err(|e| StoreError::Corrupt(format!("order {order_id}: {e}")))?;
            match data.get("payment_id").and_then(Value::as_str) {
                Some(existing) => return Ok(existing == payment_id),
                None => data["payment_id"] = Value::from(payment_id),
            }
            // Written only over the details just read: a concurrent change wins, and this one
            // is answered false.
            let done = self.execute_write(sqlx::query("UPDATE orders SET data = $1 WHERE id = $2 AND data = $3")
                .bind(json_text(&data))
                .bind(order_id)
                .bind(&text))
                .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn record_connection(&self, name: &str, at: Timestamp, error: Option<&str>) -> Result<(), StoreError> {
            // One statement, so concurrent reports of one connection add up instead of racing.
            let query = match error {
                None => "INSERT INTO connection_status (name, successes, failures, last_success_at) VALUES ($1, 1, 0, $2) ON CONFLICT (name) DO UPDATE SET successes = connection_status.successes + 1, last_success_at = $2",
                Some(_) => "INSERT INTO connection_status (name, successes, failures, last_error_at, last_error) VALUES ($1, 0, 1, $2, $3) ON CONFLICT (name) DO UPDATE SET failures = connection_status.failures + 1, last_error_at = $2, last_error = $3",
            };
            let mut q = sqlx::query(query).bind(name).bind(micros(at));
            if let Some(error) = error {
                q = q.bind(error);
            }
            self.execute_write(q).await?;
            Ok(())
        }

        async fn connections(&self) -> Result<Vec<ConnectionStatus>, StoreError> {
            sqlx::query("SELECT name, successes, failures, last_success_at, last_error_at, last_error FROM connection_status ORDER BY name")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| {
                    Ok(ConnectionStatus {
                        name: row.try_get("name")?,
                        successes: row.try_get("successes")?,
                        failures: row.try_get("failures")?,
                        last_success_at: row.try_get::<Option<i64>, _>("last_success_at")?.map(timestamp).transpose()?,
                        last_error_at: row.try_get::<Option<i64>, _>("last_error_at")?.map(timestamp).transpose()?,
                        last_error: row.try_get("last_error")?,
                    })
                })
                .collect()
        }

        async fn receive_webhook_once(&self, source: &str, webhook_id: &str, topic: &str, at: Timestamp) -> Result<bool, StoreError> {
            let done = self.execute_write(sqlx::query("INSERT INTO received_webhooks (source, webhook_id, topic, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (source, webhook_id) DO NOTHING")
                .bind(source)
                .bind(webhook_id)
                .bind(topic)
                .bind(micros(at)))
                .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn forget_webhook(&self, source: &str, webhook_id: &str) -> Result<(), StoreError> {
            self.execute_write(sqlx::query("DELETE FROM received_webhooks WHERE source = $1 AND webhook_id = $2")
                .bind(source)
                .bind(webhook_id))
                .await?;
            Ok(())
        }

        async fn tracking_events_of(&self, case_id: &str) -> Result<Vec<TrackingEventRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", tracking_event_columns!(), " FROM tracking_events WHERE case_id = $1 ORDER BY at, received_at"))
                .bind(case_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| tracking_event_from!(row))
                .collect()
        }

        async fn newest_tracking_events(&self, case_ids: &[String]) -> Result<Vec<TrackingEventRecord>, StoreError> {
            if case_ids.is_empty() {
                return Ok(Vec::new());
            }
            // The newest by the carrier's time, then by arrival, then by sender and id so that
            // each case has one; the index on (case_id, at) answers both the list and the
            // "no newer one" check.
            let mut q = QueryBuilder::<$db>::new(concat!("SELECT ", tracking_event_columns!(), " FROM tracking_events t WHERE t.case_id IN ("));
            let mut ids = q.separated(", ");
            for id in case_ids {
                ids.push_bind(id);
            }
            q.push(") AND NOT EXISTS (SELECT 1 FROM tracking_events u WHERE u.case_id = t.case_id AND (u.at > t.at OR (u.at = t.at AND (u.received_at > t.received_at OR (u.received_at = t.received_at AND (u.source > t.source OR (u.source = t.source AND u.event_id > t.event_id)))))))");
            q.build()
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| tracking_event_from!(row))
                .collect()
        }

        async fn event(&self, case_id: &str, seq: i64) -> Result<Option<EventRecord>, StoreError> {
            sqlx::query("SELECT case_id, seq, kind, actor, at, reason, data FROM events WHERE case_id = $1 AND seq = $2")
                .bind(case_id)
                .bind(seq)
                .fetch_optional(&self.pool)
                .await?
                .as_ref()
                .map(Self::event_from)
                .transpose()
        }
    };
}

macro_rules! tracking_event_columns {
    () => {
        "source, event_id, tracking_number, status, at, description, case_id, outcome, received_at"
    };
}

macro_rules! tracking_event_from {
    ($row:expr) => {
        Ok::<_, StoreError>(TrackingEventRecord {
            source: $row.try_get("source")?,
            event_id: $row.try_get("event_id")?,
            tracking_number: $row.try_get("tracking_number")?,
            status: $row.try_get("status")?,
            at: timestamp($row.try_get("at")?)?,
            description: $row.try_get("description")?,
            case_id: $row.try_get("case_id")?,
            outcome: $row.try_get("outcome")?,
            received_at: timestamp($row.try_get("received_at")?)?,
        })
    };
}

macro_rules! webhook_endpoint_columns {
    () => {
        "id, url, secret, events, description, created_by, created_at, disabled_at, disabled_reason"
    };
}

macro_rules! webhook_delivery_columns {
    () => {
        "id, endpoint_id, case_id, seq, event_type, created_at, attempts, next_attempt_at, delivered_at, last_attempt_at, last_status, last_error"
    };
}
