//! The `Store` methods on orders, cases, their history, the queue and idempotency keys, as
//! items of the one `impl Store` that `impl_store!` writes for each database.

macro_rules! store_orders {
    ($db:ty, $row:ty, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        async fn put_order(&self, order: &OrderRecord) -> Result<PutOrder, StoreError> {
            let write = NewOrderWrite {
                order: order.clone(),
                opens: None,
            };
            self.put_orders(std::slice::from_ref(&write))
                .await?
                .pop()
                .ok_or_else(|| StoreError::Corrupt("an order without an answer".into()))
        }

        async fn put_orders(&self, orders: &[NewOrderWrite]) -> Result<Vec<PutOrder>, StoreError> {
            use std::collections::{HashMap, HashSet};
            if orders.is_empty() {
                return Ok(Vec::new());
            }
            let $pool = self;
            let mut tx = $begin;
            // A statement per table for the whole batch, not per order: each statement is a
            // round trip to the database's thread (SQLite) or server (PostgreSQL).
            let mut insert = QueryBuilder::<$db>::new(concat!("INSERT INTO orders (", order_columns!(), ") "));
            insert.push_values(orders, |mut row, write| {
                let order = &write.order;
                row.push_bind(&order.id)
                    .push_bind(&order.number)
                    .push_bind(&order.customer_email)
                    .push_bind(&order.customer_name)
                    .push_bind(&order.currency)
                    .push_bind(micros(order.placed_at))
                    .push_bind(&order.policy_version)
                    .push_bind(json_text(&order.data))
                    .push_bind(micros(order.created_at))
                    .push_bind(&order.language);
            });
            insert.push(" ON CONFLICT (number) DO NOTHING RETURNING id");
            let inserted: HashSet<String> = insert
                .build_query_scalar::<String>()
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
            // Of an order number twice in the batch, the first is the one inserted.
            let mut done = Vec::with_capacity(orders.len());
            let mut others = Vec::new();
            for (i, write) in orders.iter().enumerate() {
                if inserted.contains(&write.order.id) {
                    done.push(Some(PutOrder::Inserted));
                } else {
                    done.push(None);
                    others.push(i);
                }
            }
            if !others.is_empty() {
                let mut select = QueryBuilder::<$db>::new(concat!("SELECT ", order_columns!(), " FROM orders WHERE number IN ("));
                let mut numbers = select.separated(", ");
                for &i in &others {
                    numbers.push_bind(&orders[i].order.number);
                }
                select.push(")");
                let stored: HashMap<String, OrderRecord> = select
                    .build()
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(|row| Self::order_from(row).map(|o| (o.number.clone(), o)))
                    .collect::<Result<_, StoreError>>()?;
                for &i in &others {
                    let order = &orders[i].order;
                    let stored = stored.get(&order.number).ok_or_else(|| {
                        StoreError::Corrupt(format!("order {} neither inserted nor stored", order.number))
                    })?;
                    let same = stored.customer_email == order.customer_email
                        && stored.customer_name == order.customer_name
                        && stored.currency == order.currency
                        && stored.placed_at == order.placed_at
                        && stored.data == order.data;
                    done[i] = Some(if same { PutOrder::Unchanged } else { PutOrder::Differs });
                }
            }
            let opened: Vec<&(CaseRecord, Vec<NewEvent>)> = orders
                .iter()
                .filter(|w| inserted.contains(&w.order.id))
                .filter_map(|w| w.opens.as_ref())
                .collect();
            if !opened.is_empty() {
                let mut cases = QueryBuilder::<$db>::new(concat!("INSERT INTO cases (", case_columns!(), ") "));
                cases.push_values(&opened, |mut row, (case, _)| {
                    row.push_bind(&case.id)
                        .push_bind(case.kind.as_str())
                        .push_bind(&case.order_id)
                        .push_bind(&case.order_number)
                        .push_bind(&case.customer_email)
                        .push_bind(&case.rma)
                        .push_bind(&case.state)
                        .push_bind(i64::from(case.is_open))
                        .push_bind(deadline_text(case.deadline))
                        .push_bind(case.amount_minor)
                        .push_bind(1_i64)
                        .push_bind(json_text(&case.data))
                        .push_bind(micros(case.created_at))
                        .push_bind(micros(case.updated_at))
                        .push_bind(case.tracking_number.as_deref().map(str::to_uppercase));
                });
                cases.build().execute(&mut *tx).await?;
                let events: Vec<(&str, i64, &NewEvent)> = opened
                    .iter()
                    .flat_map(|(case, events)| {
                        events
                            .iter()
                            .enumerate()
                            .map(|(i, e)| (case.id.as_str(), i64::try_from(i).unwrap_or(i64::MAX) + 1, e))
                    })
                    .collect();
                if !events.is_empty() {
                    let mut insert = QueryBuilder::<$db>::new("INSERT INTO events (case_id, seq, kind, actor, at, reason, data) ");
                    insert.push_values(&events, |mut row, (case_id, seq, event)| {
                        row.push_bind(*case_id)
                            .push_bind(*seq)
                            .push_bind(&event.kind)
                            .push_bind(json_text(&event.actor))
                            .push_bind(micros(event.at))
                            .push_bind(&event.reason)
                            .push_bind(json_text(&event.data));
                    });
                    insert.build().execute(&mut *tx).await?;
                }
                for (case_id, _, event) in &events {
                    if let Some(mail) = &event.mail {
                        Self::queue_mail(&mut tx, mail, Some(case_id), event.at).await?;
                    }
                }
                // Each case's messages are queued only when some endpoint listens at all.
                let listened: Option<i64> = sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM webhook_endpoints WHERE disabled_at IS NULL LIMIT 1")
                    .fetch_optional(&mut *tx)
                    .await?;
                if listened.is_some() {
                    for (case, events) in &opened {
                        Self::queue_webhooks(&mut tx, &case.id, case.kind, 1, events).await?;
                    }
                }
            }
            tx.commit().await?;
            done.into_iter()
                .map(|put| put.ok_or_else(|| StoreError::Corrupt("an order without an answer".into())))
                .collect()
        }

        async fn refresh_statistics(&self) -> Result<(), StoreError> {
            // A bulk import adds a counts row per case it opened: fold them now, not at the
            // server's next round.
            self.compact_counts().await?;
            // PostgreSQL only: its planner costs by the statistics, stale after a bulk import.
            // SQLite's, without statistics, takes an equality on an index as selective, which
            // suits these tables; statistics would tell it that the tracking numbers, NULL on
            // most cases, are not, and the search box would scan every case.
            if <$db as sqlx::Database>::NAME == "PostgreSQL" {
                for statement in ["ANALYZE orders", "ANALYZE cases", "ANALYZE events"] {
                    self.execute_write(sqlx::query(statement)).await?;
                }
            }
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

        async fn set_customer_language(&self, email: &str, language: &str) -> Result<u64, StoreError> {
            let done = self.execute_write(sqlx::query("UPDATE orders SET language = $1 WHERE customer_email = $2 AND (language IS NULL OR language <> $1)")
                .bind(language)
                .bind(email))
                .await?;
            Ok(done.rows_affected())
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
            self.write_cases(CaseWrites {
                order_id: &case.order_id,
                seen: None,
                create: vec![(case, events)],
                update: Vec::new(),
                idempotency,
            })
            .await
        }

        async fn write_order(&self, write: OrderWrite<'_>) -> Result<(), StoreError> {
            self.write_cases(CaseWrites {
                order_id: write.order_id,
                seen: write.seen,
                create: case_writes::pairs(write.create),
                update: case_writes::pairs(write.update),
                idempotency: write.idempotency,
            })
            .await
        }

        async fn update_case(
            &self,
            case: &CaseRecord,
            events: &[NewEvent],
            idempotency: Option<&Idempotency>,
        ) -> Result<(), StoreError> {
            self.write_cases(CaseWrites {
                order_id: &case.order_id,
                seen: None,
                create: Vec::new(),
                update: vec![(case, events)],
                idempotency,
            })
            .await
        }

        async fn update_cases(&self, changes: &[(CaseRecord, Vec<NewEvent>)]) -> Result<(), StoreError> {
            let $pool = self;
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

        async fn cases_with_orders(&self, ids: &[&str]) -> Result<Vec<(CaseRecord, OrderRecord)>, StoreError> {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut select = QueryBuilder::<$db>::new(concat!(
                "SELECT ", joined_order_columns!(), ", c.* FROM cases c JOIN orders o ON o.id = c.order_id WHERE c.id IN (",
            ));
            let mut list = select.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            select.push(") ORDER BY c.created_at, c.id");
            // Not kept among the prepared statements: the list's length varies with the batch.
            select
                .build()
                .persistent(false)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| Ok((Self::case_from(row)?, Self::joined_order_from(row)?)))
                .collect()
        }

        async fn case_by_rma(&self, rma: &str) -> Result<Option<CaseRecord>, StoreError> {
            sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE rma = $1"))
                .bind(rma)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| Self::case_from(&r))
                .transpose()
        }

        async fn account_of(&self, of: AccountOf<'_>) -> Result<Option<(OrderRecord, OrderAccount)>, StoreError> {
            Ok(self.account_with_evidence(of, &[]).await?.0)
        }

        async fn account_with_evidence(
            &self,
            of: AccountOf<'_>,
            evidence: &[String],
        ) -> Result<crate::AccountAndEvidence, StoreError> {
            // The order, its version and its cases in one statement, so all come from one
            // snapshot: a case written after it moves the version on, and a write guarded by the
            // version can only fail safe, never pass on cases it did not see. An order without a
            // case is one row whose case columns are NULL. The order's columns come again on each
            // case's row; that costs less than a second round trip. So do the owners of the
            // evidence asked about (a subquery evaluated once), read here rather than by a
            // statement of their own for the same reason.
            macro_rules! account_query {
                ($where:literal, $owners:expr) => {
                    concat!(
                        "SELECT ", joined_order_columns!(), ", o.ledger_version AS o_ledger_version, ",
                        $owners, " AS evidence_owners, c.* ",
                        "FROM orders o LEFT JOIN cases c ON c.order_id = o.id WHERE ", $where,
                        " ORDER BY c.created_at, c.id",
                    )
                };
                ($where:literal) => {
                    [account_query!($where, "NULL"), account_query!($where, $json!(owners_of "$2"))]
                };
            }
            let (queries, key) = match of {
                AccountOf::Order(id) => (account_query!("o.id = $1"), id),
                AccountOf::Number(number) => (account_query!("o.number = $1"), number),
                AccountOf::Case(id) => (
                    account_query!("o.id = (SELECT order_id FROM cases WHERE id = $1)"),
                    id,
                ),
            };
            let rows = if evidence.is_empty() {
                sqlx::query(queries[0]).bind(key).fetch_all(&self.pool).await?
            } else {
                let ids = serde_json::to_string(evidence).map_err(corrupt_json)?;
                sqlx::query(queries[1]).bind(key).bind(ids).fetch_all(&self.pool).await?
            };
            let Some(first) = rows.first() else {
                return Ok((None, Vec::new()));
            };
            let order = Self::joined_order_from(first)?;
            let version: i64 = first.try_get("o_ledger_version")?;
            let owners = match first.try_get::<Option<&str>, _>("evidence_owners")? {
                Some(text) => serde_json::from_str::<std::collections::BTreeMap<String, String>>(text)
                    .map_err(corrupt_json)?
                    .into_iter()
                    .collect(),
                None => Vec::new(),
            };
            let mut cases = Vec::with_capacity(rows.len());
            for row in &rows {
                if row.try_get::<Option<&str>, _>("id")?.is_some() {
                    cases.push(Self::case_from(row)?);
                }
            }
            Ok((Some((order, OrderAccount { version, cases })), owners))
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
            let $pool = self;
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
            Self::append_events(&mut tx, case_id, false, None, events, None).await?;
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
            let requests = each_row(
                sqlx::query(concat!(
                    "SELECT kind, ", $json!("data", "reason"), " AS reason, CASE WHEN ",
                    $json!("data", "description"), " LIKE 'Exchange wanted%' THEN 1 ELSE 0 END AS exchange, created_at",
                    " FROM cases WHERE created_at >= $1 AND kind IN ('return', 'buyback') ORDER BY created_at, id LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch(&self.pool),
                |r| {
                    Ok(RequestOpened {
                        kind: CaseKind::parse(r.try_get("kind")?)
                            .ok_or_else(|| StoreError::Corrupt("case kind".into()))?,
                        reason: r.try_get("reason")?,
                        exchange: r.try_get::<i32, _>("exchange")? == 1,
                        at: timestamp(r.try_get("created_at")?)?,
                    })
                },
            )
            .await?;
            let steps = each_row(
                sqlx::query(concat!(
                    "SELECT at, CASE WHEN CAST(", $json!("data", "on_time"), " AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END AS on_time",
                    " FROM events WHERE at >= $1 AND ", $json!("data", "on_time"), " IS NOT NULL ORDER BY at LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch(&self.pool),
                |r| Ok((timestamp(r.try_get("at")?)?, r.try_get::<i32, _>("on_time")? == 1)),
            )
            .await?;
            let payouts = each_row(
                sqlx::query(concat!(
                    "SELECT e.at, c.amount_minor, ", $json!("c.data", "amount", "currency"), " AS currency, ",
                    $json!("c.data", "source"), " AS source FROM events e JOIN cases c ON c.id = e.case_id",
                    " WHERE e.at >= $1 AND e.kind = 'sent' AND c.kind = 'refund' ORDER BY e.at LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch(&self.pool),
                |r| {
                    Ok(PayoutSent {
                        at: timestamp(r.try_get("at")?)?,
                        amount_minor: r.try_get("amount_minor")?,
                        currency: r.try_get("currency")?,
                        source: r.try_get("source")?,
                    })
                },
            )
            .await?;
            let full = |n: usize| n == limit as usize;
            let truncated = full(requests.len()) || full(steps.len()) || full(payouts.len());
            Ok(Activity {
                requests,
                steps,
                payouts,
                truncated,
            })
        }

        async fn queue(&self, query: &QueueQuery) -> Result<Vec<CaseRecord>, StoreError> {
            /// The cases a search matches, by `key` (SQLite's rowid, read from the indexes
            /// alone; the id on PostgreSQL): exact matches through their own indexes, the name
            /// as a substring of the order's through a trigram index (migration 0015). Gathered
            /// each way through its own index, then sorted: with the ORs on the page's query
            /// itself, PostgreSQL walked every open case in deadline order looking for the few
            /// that match (217 ms at 333,000).
            fn push_matches(q: &mut QueryBuilder<$db>, text: &str, key: &str) {
                let name = text.to_lowercase();
                let wild = name.contains(['%', '_', '\\']);
                let pattern = format!(
                    "%{}%",
                    name.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
                );
                let from = format!("SELECT {key} FROM cases WHERE ");
                q.push(&from).push("order_number = ").push_bind(text.to_owned())
                    .push(" UNION ALL ").push(&from).push("rma = ").push_bind(text.to_uppercase())
                    .push(" UNION ALL ").push(&from).push("customer_email = ").push_bind(text.to_lowercase())
                    .push(" UNION ALL ").push(&from).push("tracking_number = ").push_bind(text.to_uppercase())
                    .push(" UNION ALL ").push(&from).push("order_id IN (");
                if <$db as sqlx::Database>::NAME == "SQLite" {
                    // FTS5 answers a LIKE from the index only without ESCAPE: a name with a
                    // wildcard in it is searched with one, by a scan of the names.
                    q.push("SELECT order_id FROM order_names WHERE customer_name LIKE ")
                        .push_bind(pattern);
                    if wild {
                        q.push(" ESCAPE '\\'");
                    }
                } else {
                    q.push("SELECT id FROM orders WHERE LOWER(customer_name) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\'");
                }
                q.push(")");
            }
            let sqlite = <$db as sqlx::Database>::NAME == "SQLite";
            let key = if sqlite { "rowid" } else { "id" };
            let search = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty());
            // Sorting the matches reads each matching case from the table: for a common surname,
            // thousands of rows of several KB (1 s at 16 connections on SQLite for 11,000
            // matches). Past a few hundred matches SQLite walks the open cases in the page's
            // order instead, reading only the queue index and the matches' rowids, and stops
            // at the page's end; a search with few matches still sorts them, since walking
            // every open case to find them costs about 2 ms per 1,000. The count includes closed
            // matches (telling them apart would read the rows it avoids), so a name with many
            // closed cases and few open ones walks every open case.
            let walk = match search {
                Some(text) if sqlite && !query.include_closed => {
                    let mut count = QueryBuilder::<$db>::new("SELECT COUNT(*) FROM (");
                    push_matches(&mut count, text, key);
                    count.push(" LIMIT ").push_bind(SORT_AT_MOST + 1).push(")");
                    count.build_query_scalar::<i64>().fetch_one(&self.pool).await? > SORT_AT_MOST
                }
                _ => false,
            };
            let mut q = QueryBuilder::<$db>::new(if query.without_data {
                concat!("SELECT ", case_list_columns!(), " FROM cases")
            } else {
                concat!("SELECT ", case_columns!(), " FROM cases")
            });
            if walk {
                q.push(" INDEXED BY cases_queue");
            }
            q.push(if query.include_closed { " WHERE 1 = 1" } else { " WHERE is_open = 1" });
            if let Some(text) = search {
                // `+` keeps SQLite from looking the matches up by rowid, so that it walks.
                if walk {
                    q.push(" AND +rowid IN (");
                } else {
                    q.push(" AND ").push(key).push(" IN (");
                }
                push_matches(&mut q, text, key);
                q.push(")");
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
