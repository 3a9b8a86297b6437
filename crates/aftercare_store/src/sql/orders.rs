//! The `Store` methods on orders, cases, their history, the queue and idempotency keys, as
//! items of the one `impl Store` that `impl_store!` writes for each database.

macro_rules! store_orders {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn put_order(&self, order: &OrderRecord) -> Result<PutOrder, StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            let existing = sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE number = $1"))
                .bind(&order.number)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = existing {
                let stored = Self::order_from(&row)?;
                let same = stored.customer_email == order.customer_email
                    && stored.customer_name == order.customer_name
                    && stored.currency == order.currency
                    && stored.placed_at == order.placed_at
                    && stored.data == order.data;
                tx.rollback().await?;
                return Ok(if same { PutOrder::Unchanged } else { PutOrder::Differs });
            }
            sqlx::query(concat!("INSERT INTO orders (", order_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
            .bind(&order.id)
            .bind(&order.number)
            .bind(&order.customer_email)
            .bind(&order.customer_name)
            .bind(&order.currency)
            .bind(micros(order.placed_at))
            .bind(&order.policy_version)
            .bind(json_text(&order.data))
            .bind(micros(order.created_at))
            .execute(&mut *tx)
            .await
            .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("order") } else { e.into() })?;
            tx.commit().await?;
            Ok(PutOrder::Inserted)
        }

        async fn put_orders(&self, orders: &[NewOrderWrite]) -> Result<Vec<PutOrder>, StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            let mut done = Vec::with_capacity(orders.len());
            for write in orders {
                let order = &write.order;
                // Inserted unless the number is taken; only then is the stored one read.
                let inserted = sqlx::query(concat!("INSERT INTO orders (", order_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (number) DO NOTHING"))
                    .bind(&order.id)
                    .bind(&order.number)
                    .bind(&order.customer_email)
                    .bind(&order.customer_name)
                    .bind(&order.currency)
                    .bind(micros(order.placed_at))
                    .bind(&order.policy_version)
                    .bind(json_text(&order.data))
                    .bind(micros(order.created_at))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1;
                if !inserted {
                    let row = sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE number = $1"))
                        .bind(&order.number)
                        .fetch_one(&mut *tx)
                        .await?;
                    let stored = Self::order_from(&row)?;
                    let same = stored.customer_email == order.customer_email
                        && stored.customer_name == order.customer_name
                        && stored.currency == order.currency
                        && stored.placed_at == order.placed_at
                        && stored.data == order.data;
                    done.push(if same { PutOrder::Unchanged } else { PutOrder::Differs });
                    continue;
                }
                if let Some((case, events)) = &write.opens {
                    Self::insert_case(&mut tx, case).await?;
                    Self::append_events(&mut tx, &case.id, Some(case.kind), events, None).await?;
                }
                done.push(PutOrder::Inserted);
            }
            tx.commit().await?;
            Ok(done)
        }

        async fn refresh_statistics(&self) -> Result<(), StoreError> {
            // Both databases take the bare word: PostgreSQL samples each table, SQLite reads
            // the indexes.
            sqlx::query("ANALYZE").execute(&self.pool).await?;
            Ok(())
        }

        async fn order(&self, id: &str) -> Result<Option<OrderRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::order_from(&r))
                .transpose()
        }

        async fn order_by_number(&self, number: &str) -> Result<Option<OrderRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE number = $1"))
                .bind(number)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::order_from(&r))
                .transpose()
        }

        async fn orders_page(
            &self,
            after: Option<(Timestamp, String)>,
            limit: u32,
        ) -> Result<Vec<OrderRecord>, StoreError> {
            let (at, id) = after.map_or((i64::MIN, String::new()), |(t, id)| (micros(t), id));
            sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE (placed_at, id) > ($1, $2) ORDER BY placed_at, id LIMIT $3"))
            .bind(at)
            .bind(id)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Self::order_from)
            .collect()
        }

        async fn orders_of_customer(&self, email: &str, limit: u32) -> Result<Vec<OrderRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE customer_email = $1 ORDER BY placed_at DESC, id DESC LIMIT $2"))
                .bind(email)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::order_from)
                .collect()
        }

        async fn create_case(
            &self,
            case: &CaseRecord,
            events: &[NewEvent],
            idempotency: Option<&Idempotency>,
        ) -> Result<(), StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            Self::move_order_on(&mut tx, &case.order_id, None).await?;
            Self::insert_case(&mut tx, case).await?;
            Self::append_events(&mut tx, &case.id, Some(case.kind), events, idempotency).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn write_order(&self, write: OrderWrite<'_>) -> Result<(), StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            Self::move_order_on(&mut tx, write.order_id, write.seen).await?;
            let mut idempotency = write.idempotency;
            for (case, events) in write.create {
                Self::insert_case(&mut tx, case).await?;
                Self::append_events(&mut tx, &case.id, Some(case.kind), events, idempotency.take()).await?;
            }
            for (case, events) in write.update {
                Self::write_case(&mut tx, case, events, idempotency.take()).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        async fn update_case(
            &self,
            case: &CaseRecord,
            events: &[NewEvent],
            idempotency: Option<&Idempotency>,
        ) -> Result<(), StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            Self::move_order_on(&mut tx, &case.order_id, None).await?;
            Self::write_case(&mut tx, case, events, idempotency).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn update_cases(&self, changes: &[(CaseRecord, Vec<NewEvent>)]) -> Result<(), StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            let mut orders: Vec<&str> = changes.iter().map(|(c, _)| c.order_id.as_str()).collect();
            // Always in the same order, so two writers never wait for each other's locks.
            orders.sort_unstable();
            orders.dedup();
            for order_id in orders {
                Self::move_order_on(&mut tx, order_id, None).await?;
            }
            for (case, events) in changes {
                Self::write_case(&mut tx, case, events, None).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        async fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::case_from(&r))
                .transpose()
        }

        async fn case_by_rma(&self, rma: &str) -> Result<Option<CaseRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE rma = $1"))
                .bind(rma)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::case_from(&r))
                .transpose()
        }

        async fn order_account(&self, order_id: &str) -> Result<OrderAccount, StoreError> {
            // The version first: a case written after this read moves it on, so a write
            // guarded by it can only fail safe, never pass on cases it did not see.
            let version: Option<i64> = sqlx::query_scalar("SELECT ledger_version FROM orders WHERE id = $1")
                .bind(order_id)
                .fetch_optional(&self.pool)
                .await?;
            let cases = self.cases_of_order(order_id).await?;
            Ok(OrderAccount { version: version.unwrap_or(0), cases })
        }

        async fn cases_of_order(&self, order_id: &str) -> Result<Vec<CaseRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE order_id = $1 ORDER BY created_at, id"))
            .bind(order_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Self::case_from)
            .collect()
        }

        async fn add_events(&self, case_id: &str, events: &[NewEvent]) -> Result<bool, StoreError> {
            let $pool = &self.pool;
            let mut tx = $begin;
            // The lock orders concurrent appends to one case's history.
            let found = sqlx::query(concat!("SELECT id FROM cases WHERE id = $1", $for_update))
                .bind(case_id)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Ok(false);
            }
            // Internal notes are staff's own: no other system hears of them.
            Self::append_events(&mut tx, case_id, None, events, None).await?;
            tx.commit().await?;
            Ok(true)
        }

        async fn events(&self, case_id: &str) -> Result<Vec<EventRecord>, StoreError> {
            sqlx::query(
                "SELECT case_id, seq, kind, actor, at, reason, data FROM events WHERE case_id = $1 ORDER BY seq",
            )
            .bind(case_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Self::event_from)
            .collect()
        }

        async fn activity_since(&self, since: Timestamp, limit: u32) -> Result<Activity, StoreError> {
            // Only the fields the dashboard counts are read; the databases pick them out of
            // the JSON, so no case's whole data crosses the wire.
            let requests = sqlx::query(concat!(
                "SELECT kind, ", $json!("data", "reason"), " AS reason, CASE WHEN ",
                $json!("data", "description"), " LIKE 'Exchange wanted%' THEN 1 ELSE 0 END AS exchange, created_at",
                " FROM cases WHERE created_at >= $1 AND kind IN ('return', 'buyback') ORDER BY created_at, id LIMIT $2"
            ))
            .bind(micros(since))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            let steps = sqlx::query(concat!(
                "SELECT at, CASE WHEN CAST(", $json!("data", "on_time"), " AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END AS on_time",
                " FROM events WHERE at >= $1 AND ", $json!("data", "on_time"), " IS NOT NULL ORDER BY at LIMIT $2"
            ))
            .bind(micros(since))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            let payouts = sqlx::query(concat!(
                "SELECT e.at, c.amount_minor, ", $json!("c.data", "amount", "currency"), " AS currency, ",
                $json!("c.data", "source"), " AS source FROM events e JOIN cases c ON c.id = e.case_id",
                " WHERE e.at >= $1 AND e.kind = 'sent' AND c.kind = 'refund' ORDER BY e.at LIMIT $2"
            ))
            .bind(micros(since))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            let full = |n: usize| n == limit as usize;
            let truncated = full(requests.len()) || full(steps.len()) || full(payouts.len());
            Ok(Activity {
                requests: requests
                    .iter()
                    .map(|r| {
                        Ok(RequestOpened {
                            kind: CaseKind::parse(r.try_get("kind")?)
                                .ok_or_else(|| StoreError::Corrupt("case kind".into()))?,
                            reason: r.try_get("reason")?,
                            exchange: r.try_get::<i32, _>("exchange")? == 1,
                            at: timestamp(r.try_get("created_at")?)?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?,
                steps: steps
                    .iter()
                    .map(|r| Ok((timestamp(r.try_get("at")?)?, r.try_get::<i32, _>("on_time")? == 1)))
                    .collect::<Result<_, StoreError>>()?,
                payouts: payouts
                    .iter()
                    .map(|r| {
                        Ok(PayoutSent {
                            at: timestamp(r.try_get("at")?)?,
                            amount_minor: r.try_get("amount_minor")?,
                            currency: r.try_get("currency")?,
                            source: r.try_get("source")?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?,
                truncated,
            })
        }

        async fn queue(&self, query: &QueueQuery) -> Result<Vec<CaseRecord>, StoreError> {
            let mut q = QueryBuilder::<$db>::new(concat!("SELECT ", case_columns!(), " FROM cases WHERE "));
            q.push(if query.include_closed { "1 = 1" } else { "is_open = 1" });
            if let Some(text) = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                // Exact matches use their indexes; the name is a substring of the order's.
                let pattern = format!(
                    "%{}%",
                    text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
                );
                q.push(" AND (order_number = ")
                    .push_bind(text.to_owned())
                    .push(" OR rma = ")
                    .push_bind(text.to_uppercase())
                    .push(" OR customer_email = ")
                    .push_bind(text.to_lowercase())
                    .push(" OR tracking_number = ")
                    .push_bind(text.to_uppercase())
                    .push(" OR order_id IN (SELECT id FROM orders WHERE LOWER(customer_name) LIKE ")
                    .push_bind(pattern)
                    .push(" ESCAPE '\\'))");
            }
            if let Some(day) = query.due_before {
                q.push(" AND deadline < ").push_bind(deadline_text(Some(day)));
            }
            if let Some(kind) = query.kind {
                q.push(" AND kind = ").push_bind(kind.as_str());
            }
            if let Some(state) = &query.state {
                q.push(" AND state = ").push_bind(state.clone());
            }
            if let Some(email) = &query.customer_email {
                q.push(" AND customer_email = ").push_bind(email.clone());
            }
            if let Some(number) = &query.order_number {
                q.push(" AND order_number = ").push_bind(number.clone());
            }
            if let Some(rma) = &query.rma {
                q.push(" AND rma = ").push_bind(rma.clone());
            }
            if let Some(after) = &query.after {
                q.push(" AND (deadline, id) > (")
                    .push_bind(deadline_text(after.deadline))
                    .push(", ")
                    .push_bind(after.id.clone())
                    .push(")");
            }
            q.push(" ORDER BY deadline, id LIMIT ")
                .push_bind(i64::from(query.limit.clamp(1, 500)));
            q.build()
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::case_from)
                .collect()
        }

        async fn idempotency(&self, key: &str) -> Result<Option<Idempotency>, StoreError> {
            let row = sqlx::query(
                "SELECT key, request_hash, response, created_at FROM idempotency_keys WHERE key = $1",
            )
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|row| {
                Ok(Idempotency {
                    key: row.try_get("key")?,
                    request_hash: row.try_get("request_hash")?,
                    response: json(row.try_get::<&str, _>("response")?)?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                })
            })
            .transpose()
        }
    };
}
