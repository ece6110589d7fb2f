//! `[fx]`, `[escalation]`, `[plan] price_year`, item `currency` /
//! `escalation` and `[[source]]` (plan format section 8): every key, its
//! default and its rule.
//!
//! Items are read by `items.rs` with their own `currency` and `escalation`
//! as written; [`price_items`] resolves them against the plan currency,
//! `[fx]` and `[escalation]` and fills in each item's price factors. A
//! currency converted in a year without a rate is an error naming both.

use super::{first_time, read_id, Horizon, Ids, Scope, MAX_MONEY};
use crate::diagnostic::{Diagnostic, Problem, Span};
use crate::money::Money;
use crate::plan::funding::{Covers, FxRate, FxRates, ItemPricing, Source, NATIONAL};
use crate::plan::reader::{
    read_amount_node, read_number_node_where, read_number_where, read_string, read_string_list,
    read_table, read_year_key, Ctx, TableReader,
};
use crate::plan::tree::{Entry, Node, Value};
use crate::plan::Item;
use crate::suggest;

pub(crate) const ESCALATION_KEYS: &[&str] = &["default", "categories"];
pub(crate) const SOURCE_KEYS: &[&str] = &[
    "id",
    "name",
    "currency",
    "years",
    "carryover",
    "covers",
    "items",
    "categories",
];

/// The rule of every escalation rate.
const GROWTH_RULE: &str = "a yearly growth above -0.5, at most 1 (0.03 is 3% a year)";

/// The rule of every exchange rate.
const RATE_RULE: &str = "a rate above 0, at most 1e6 (plan-currency units per unit)";

/// A yearly price growth: -0.5 < r <= 1.
pub(crate) fn read_growth(entry: &Entry, cx: &mut Ctx<'_>) -> Option<f64> {
    read_number_where(entry, GROWTH_RULE, |r| r > -0.5 && r <= 1.0, cx)
}

/// One `[fx]` entry as read, with where it is written.
pub(crate) struct FxEntry {
    pub rate: FxRate,
    pub span: Span,
}

/// Reads `[fx]`: `CUR = rate` or `CUR = { year = rate, ... }`.
pub(crate) fn read_fx(node: &Node, plan_currency: &str, cx: &mut Ctx<'_>) -> Vec<FxEntry> {
    let Value::Table(table) = &node.value else {
        cx.report(
            node.span,
            Problem::WrongType {
                key: "fx".into(),
                expected: "a table of exchange rates",
                found: node.value.type_name(),
            },
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in &table.entries {
        let currency = entry.key.clone();
        let rates = match &entry.node.value {
            Value::Table(years) => {
                let mut seen = Vec::new();
                let mut rates = Vec::new();
                for y in &years.entries {
                    let year = read_year_key(y, &currency, cx)
                        .and_then(|year| first_time(year, &mut seen, y.key_span, &currency, cx));
                    let rate = read_number_node_where(
                        &y.node,
                        &format!("fx.{currency}.{}", y.key),
                        RATE_RULE,
                        |x| x > 0.0 && x <= 1e6,
                        cx,
                    );
                    if let (Some(year), Some(rate)) = (year, rate) {
                        rates.push((year, rate));
                    }
                }
                rates.sort_by_key(|(y, _)| *y);
                FxRates::ByYear(rates)
            }
            _ => match read_number_node_where(
                &entry.node,
                &format!("fx.{currency}"),
                RATE_RULE,
                |x| x > 0.0 && x <= 1e6,
                cx,
            ) {
                Some(rate) => FxRates::Flat(rate),
                None => continue,
            },
        };
        if currency == plan_currency && rates != FxRates::Flat(1.0) {
            cx.push(
                Diagnostic::at(
                    entry.key_span,
                    Problem::OutOfRange {
                        key: format!("fx.{currency}"),
                        rule: "1 or absent: it is the plan currency".into(),
                    },
                )
                .with_help("every result is in the plan currency; its rate is always 1"),
            );
            continue;
        }
        out.push(FxEntry {
            rate: FxRate { currency, rates },
            span: entry.key_span,
        });
    }
    out
}

/// `[escalation]` as read.
#[derive(Default)]
pub(crate) struct Escalation {
    pub default: f64,
    /// (category, growth, where the category is written).
    pub categories: Vec<(String, f64, Span)>,
}

/// Reads `[escalation]`.
pub(crate) fn read_escalation(node: &Node, cx: &mut Ctx<'_>) -> Escalation {
    let Some(mut r) = TableReader::new(node, "[escalation]", ESCALATION_KEYS, cx) else {
        return Escalation::default();
    };
    let default = r
        .get("default")
        .and_then(|e| read_growth(e, cx))
        .unwrap_or(0.0);
    let mut categories = Vec::new();
    if let Some(table) = r.get("categories").and_then(|e| read_table(e, cx)) {
        for c in &table.entries {
            if let Some(growth) = read_growth(c, cx) {
                categories.push((c.key.clone(), growth, c.key_span));
            }
        }
    }
    r.finish(cx);
    Escalation {
        default,
        categories,
    }
}

/// The categories of the plan's items, in file order of first use.
fn known_categories(items: &[Option<Item>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().flatten() {
        if !out.contains(&item.category) {
            out.push(item.category.clone());
        }
    }
    out
}

/// Reports a category no item has, with a did-you-mean.
fn check_category(name: &str, span: Span, known: &[String], cx: &mut Ctx<'_>) -> bool {
    if known.iter().any(|k| k == name) {
        return true;
    }
    let mut d = Diagnostic::at(
        span,
        Problem::UnknownId {
            kind: "category",
            id: name.into(),
        },
    );
    if let Some(help) = suggest::help_for(
        name,
        "categories of the items",
        known.iter().map(String::as_str),
    ) {
        d = d.with_help(help);
    }
    cx.push(d);
    false
}

/// What resolving currencies needs to know.
pub(crate) struct Currencies {
    pub plan_currency: String,
    pub fx: Vec<FxEntry>,
}

impl Currencies {
    /// The rate of `currency` in `year`, or an error at `span`: an unknown
    /// currency (did-you-mean) or a year without a rate. Reports once per
    /// call site; returns `None` after reporting.
    fn rate(&self, currency: &str, year: i32, span: Span, cx: &mut Ctx<'_>) -> Option<f64> {
        if currency == self.plan_currency {
            return Some(1.0);
        }
        let Some(fx) = self.fx.iter().find(|f| f.rate.currency == currency) else {
            let d = Diagnostic::at(
                span,
                Problem::UnknownId {
                    kind: "currency",
                    id: currency.into(),
                },
            );
            let known: Vec<&str> = std::iter::once(self.plan_currency.as_str())
                .chain(self.fx.iter().map(|f| f.rate.currency.as_str()))
                .collect();
            let help = match suggest::closest(currency, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "add its rate under [fx], e.g. `{currency} = 0.9` (plan-currency units per \
                     {currency}); known currencies: {}",
                    known
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            cx.push(d.with_help(help));
            return None;
        };
        match fx.rate.rates.in_year(year) {
            Some(rate) => Some(rate),
            None => {
                let line = cx.locate(fx.span).line;
                cx.push(
                    Diagnostic::at(
                        span,
                        Problem::MissingRate {
                            currency: currency.into(),
                            year,
                        },
                    )
                    .with_help(format!(
                        "the {currency} rates on line {line} have no {year}; add `{year} = ...` \
                         there (every year in which {currency} is converted needs a rate)"
                    )),
                );
                None
            }
        }
    }

    /// The rates of `currency` for each year of `years`, reporting the first
    /// missing one.
    fn rates(
        &self,
        currency: &str,
        years: impl Iterator<Item = i32>,
        span: Span,
        cx: &mut Ctx<'_>,
    ) -> Option<Vec<(i32, f64)>> {
        let mut out = Vec::new();
        for year in years {
            out.push((year, self.rate(currency, year, span, cx)?));
        }
        Some(out)
    }
}

/// Where a key of an entry is written, or the entry itself.
fn key_span(node: &Node, key: &str) -> Span {
    match &node.value {
        Value::Table(t) => t.get(key).map_or(node.span, |e| e.node.span),
        _ => node.span,
    }
}

/// Resolves each item's currency and escalation and fills in its price
/// factors E_i(t) and X(t) for every horizon year. Years from the item's
/// first possible order on need a rate (payments and running costs are
/// converted then; commitments after the horizon at the rate of `end`).
pub(crate) fn price_items(
    items: &mut [Option<Item>],
    nodes: &[&Node],
    money: &Currencies,
    escalation: &Escalation,
    price_year: i32,
    horizon: Horizon,
    cx: &mut Ctx<'_>,
) {
    let known = known_categories(items);
    for (name, _, span) in &escalation.categories {
        check_category(name, *span, &known, cx);
    }
    let len = (horizon.end - horizon.start + 1) as usize;
    for (slot, node) in items.iter_mut().zip(nodes) {
        let Some(item) = slot else { continue };
        if item.currency.is_empty() {
            item.currency = money.plan_currency.clone();
        }
        if item.escalation.is_nan() {
            item.escalation = escalation
                .categories
                .iter()
                .find(|(c, _, _)| *c == item.category)
                .map_or(escalation.default, |(_, g, _)| *g);
        }
        let first = item
            .order_years
            .iter()
            .chain(item.fixed.iter().map(|f| &f.year))
            .copied()
            .min()
            .unwrap_or(horizon.end);
        let span = key_span(node, "currency");
        let Some(known_rates) = money.rates(&item.currency, first..=horizon.end, span, cx) else {
            *slot = None;
            continue;
        };
        // Years before the first order are never converted: they take the
        // first converted year's rate so the table is complete.
        let first_rate = known_rates.first().map_or(1.0, |(_, r)| *r);
        let rates = (horizon.start..=horizon.end)
            .map(|y| {
                known_rates
                    .iter()
                    .find(|(year, _)| *year == y)
                    .map_or(first_rate, |(_, r)| *r)
            })
            .collect();
        let levels = (horizon.start..=horizon.end)
            .map(|y| (1.0 + item.escalation).powi(y - price_year))
            .collect();
        item.pricing = ItemPricing {
            start: horizon.start,
            levels,
            rates,
        };
        debug_assert_eq!(item.pricing.levels.len(), len);
    }
    check_priced_cost(items, nodes, horizon, cx);
}

/// Refuses items whose escalated, converted cost could exceed the money
/// capplan holds (a typo in a rate or growth, usually).
fn check_priced_cost(items: &[Option<Item>], nodes: &[&Node], horizon: Horizon, cx: &mut Ctx<'_>) {
    let years = f64::from(horizon.end - horizon.start + 1);
    let (mut total, mut unpriced) = (0.0, 0.0);
    for (item, node) in items.iter().zip(nodes) {
        let Some(item) = item else { continue };
        let factor = item
            .pricing
            .levels
            .iter()
            .zip(&item.pricing.rates)
            .map(|(e, x)| e * x)
            .fold(1.0, f64::max);
        let units = item.max_units.max(item.min_units).max(item.fixed_total());
        let most = item.unit_cost.to_units() * units * (1.0 + item.sustainment * years);
        unpriced += most;
        if unpriced > MAX_MONEY {
            // Too large before any rate or growth: reported by `items.rs`.
            return;
        }
        total += most * factor;
        if total > MAX_MONEY {
            cx.push(
                Diagnostic::at(
                    key_span(node, "unit_cost"),
                    Problem::TooLarge {
                        what: format!(
                            "the items up to `{}` could cost up to {total:e} at current prices \
                             in the plan currency",
                            item.id
                        ),
                        limit: MAX_MONEY as usize,
                    },
                )
                .with_help("look for a typo in `[fx]`, `[escalation]` or the item's `escalation`"),
            );
            return;
        }
    }
}

/// Reads every `[[source]]`.
pub(crate) fn read_sources(
    nodes: &[&Node],
    scope: &Scope,
    items: &[Option<Item>],
    money: &Currencies,
    cx: &mut Ctx<'_>,
) -> Vec<Option<Source>> {
    Ids::collect("source", nodes, cx);
    let known = known_categories(items);
    let mut total = 0.0;
    nodes
        .iter()
        .map(|node| {
            let source = read_source(node, scope, items, &known, money, cx)?;
            total += source.grant.iter().map(|m| m.to_units()).sum::<f64>();
            if total > MAX_MONEY {
                cx.report(
                    key_span(node, "years"),
                    Problem::TooLarge {
                        what: format!("the sources up to `{}` add up to {total:e}", source.id),
                        limit: MAX_MONEY as usize,
                    },
                );
                return None;
            }
            Some(source)
        })
        .collect()
}

fn read_source(
    node: &Node,
    scope: &Scope,
    items: &[Option<Item>],
    known_categories: &[String],
    money: &Currencies,
    cx: &mut Ctx<'_>,
) -> Option<Source> {
    let mut r = TableReader::new(node, "[[source]]", SOURCE_KEYS, cx)?;
    let id_entry = r.require("id");
    let id = id_entry.and_then(|e| read_id(e, cx)).and_then(|id| {
        if id == NATIONAL {
            cx.push(
                Diagnostic::at(
                    id_entry?.node.span,
                    Problem::OutOfRange {
                        key: "id".into(),
                        rule: "another id: `national` is reserved for [budget]".into(),
                    },
                )
                .with_help("the national source is the [budget] table; name this source otherwise"),
            );
            None
        } else {
            Some(id)
        }
    });
    let name = r.get("name").and_then(|e| read_string(e, cx));
    let currency_entry = r.get("currency");
    let currency = match currency_entry {
        Some(e) => read_string(e, cx),
        None => Some(money.plan_currency.clone()),
    };
    let years_entry = r.require("years");
    let mut amounts: Vec<(i32, Money, Span)> = Vec::new();
    let years_ok = years_entry.and_then(|e| read_table(e, cx)).map(|table| {
        let mut seen = Vec::new();
        let mut ok = true;
        for entry in &table.entries {
            let year = read_year_key(entry, "years", cx)
                .and_then(|y| first_time(y, &mut seen, entry.key_span, "years", cx))
                .and_then(|y| match scope.horizon {
                    Some(h) => h.check(y, entry.key_span, &format!("years.{y}"), cx),
                    None => Some(y),
                });
            let amount = read_amount_node(&entry.node, &format!("years.{}", entry.key), cx);
            match (year, amount) {
                (Some(year), Some(amount)) => amounts.push((year, amount, entry.key_span)),
                _ => ok = false,
            }
        }
        ok
    });
    let carryover = r.get("carryover").map_or(Some(0.0), |e| {
        read_number_where(
            e,
            "a fraction from 0 to 1",
            |x| (0.0..=1.0).contains(&x),
            cx,
        )
    });
    let covers = match r.get("covers") {
        None => Some(Covers::Acquisition),
        Some(e) => match read_string(e, cx).as_deref() {
            Some("acquisition") => Some(Covers::Acquisition),
            Some("sustainment") => Some(Covers::Sustainment),
            Some("both") => Some(Covers::Both),
            Some(other) => {
                let names = ["acquisition", "sustainment", "both"];
                let mut d = Diagnostic::at(
                    e.node.span,
                    Problem::OutOfRange {
                        key: "covers".into(),
                        rule: "\"acquisition\", \"sustainment\" or \"both\"".into(),
                    },
                );
                if let Some(help) = suggest::help_for(other, "choices", names) {
                    d = d.with_help(help);
                }
                cx.push(d);
                None
            }
            None => None,
        },
    };
    let listed_items = r.get("items").map(|e| {
        let list = read_string_list(e, cx)?;
        let mut out = Vec::new();
        let mut ok = true;
        for (id, span) in list {
            match scope.items.resolve(&id, span, cx) {
                Some(i) => out.push(i),
                None => ok = false,
            }
        }
        ok.then_some(out)
    });
    let listed_categories = r.get("categories").map(|e| {
        let list = read_string_list(e, cx)?;
        let mut ok = true;
        for (name, span) in &list {
            ok &= check_category(name, *span, known_categories, cx);
        }
        ok.then(|| list.into_iter().map(|(c, _)| c).collect::<Vec<_>>())
    });
    r.finish(cx);
    let horizon = scope.horizon?;
    let currency = currency?;
    let currency_span =
        currency_entry.map_or(id_entry.map_or(node.span, |e| e.node.span), |e| e.node.span);
    let mut years = vec![Money::ZERO; (horizon.end - horizon.start + 1) as usize];
    let mut grant = years.clone();
    let mut rates_ok = true;
    for (year, amount, _) in &amounts {
        let t = (year - horizon.start) as usize;
        years[t] = *amount;
        match money.rate(&currency, *year, currency_span, cx) {
            Some(rate) => grant[t] = amount.times(rate),
            None => {
                rates_ok = false;
                break;
            }
        }
    }
    let (listed_items, listed_categories) = (
        listed_items.map_or(Some(None), |v| v.map(Some))?,
        listed_categories.map_or(Some(None), |v| v.map(Some))?,
    );
    let may_pay = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if listed_items.is_none() && listed_categories.is_none() {
                return true;
            }
            let by_id = listed_items.as_ref().is_some_and(|l| l.contains(&i));
            let by_category = listed_categories
                .as_ref()
                .is_some_and(|l| item.as_ref().is_some_and(|item| l.contains(&item.category)));
            by_id || by_category
        })
        .collect();
    let id = id?;
    (years_ok? && rates_ok).then_some(())?;
    Some(Source {
        name: name.unwrap_or_else(|| id.clone()),
        at: cx.locate(id_entry?.node.span),
        id,
        currency,
        years,
        grant,
        carryover: carryover?,
        covers: covers?,
        may_pay,
    })
}

/// Turns a one-rate `[fx]` currency of a raw plan into a rate per horizon
/// year (each the old rate), so that `--set fx.CUR.YEAR=...` changes one
/// year and keeps the others. Does nothing when the currency is absent,
/// already per year, or the horizon cannot be read.
pub(crate) fn expand_flat_rate(root: &mut crate::plan::tree::Table, currency: &str) {
    let year = |key: &str| match root
        .get("plan")
        .map(|e| &e.node.value)
        .and_then(|v| match v {
            Value::Table(t) => t.get(key).map(|e| &e.node.value),
            _ => None,
        }) {
        Some(Value::Int(n)) => i32::try_from(*n).ok(),
        _ => None,
    };
    let (Some(start), Some(end)) = (year("start"), year("end")) else {
        return;
    };
    if end < start || end - start >= super::MAX_HORIZON_YEARS {
        return;
    }
    let Some(Value::Table(fx)) = root.get_mut("fx").map(|e| &mut e.node.value) else {
        return;
    };
    let Some(entry) = fx.get_mut(currency) else {
        return;
    };
    if !matches!(entry.node.value, Value::Int(_) | Value::Float(_)) {
        return;
    }
    let rate = entry.node.clone();
    let years = (start..=end)
        .map(|y| crate::plan::tree::Entry {
            key: y.to_string(),
            key_span: entry.key_span,
            node: rate.clone(),
        })
        .collect();
    entry.node.value = Value::Table(crate::plan::tree::Table { entries: years });
}

#[cfg(test)]
mod tests {
    use crate::plan::funding::Covers;
    use crate::plan::{load_text, Plan};

    const BASE: &str = r#"[plan]
name = "t"
start = 2025
end = 2027

[budget]
years = { 2025 = 100, 2026 = 100, 2027 = 100 }

[[item]]
id = "a"
category = "land"
unit_cost = 10
max_units = 1

[[item]]
id = "b"
category = "air"
unit_cost = 10
max_units = 1
escalation = 0.02

[[goal]]
id = "g"
targets = { 2027 = 1 }
"#;

    fn valid(extra: &str) -> Plan {
        match load_text("t.toml", &format!("{BASE}{extra}")) {
            Ok((plan, _)) => plan,
            Err(invalid) => panic!("expected a valid plan, got:\n{invalid}"),
        }
    }

    #[test]
    fn defaults_leave_every_factor_at_one() {
        let plan = valid("");
        assert_eq!(plan.price_year, 2025);
        assert!(plan.sources.is_empty() && plan.fx.is_empty());
        let a = &plan.items[0];
        assert_eq!(a.currency, "EUR");
        assert_eq!(a.escalation, 0.0);
        assert_eq!(a.pricing.levels, vec![1.0; 3]);
        assert_eq!(a.pricing.rates, vec![1.0; 3]);
    }

    #[test]
    fn an_item_grows_at_its_own_else_its_category_else_the_default_rate() {
        let plan = valid("\n[escalation]\ndefault = 0.1\ncategories = { land = 0.05 }\n");
        assert_eq!(plan.items[0].escalation, 0.05);
        assert_eq!(plan.items[1].escalation, 0.02);
        // E(2027) = 1.05^2 from the default price year 2025.
        assert!((plan.items[0].pricing.level(2027) - 1.1025).abs() < 1e-12);
    }

    #[test]
    fn a_source_defaults_to_acquisition_of_every_item_and_lapses() {
        let plan = valid("\n[[source]]\nid = \"s\"\nyears = { 2026 = \"1k\" }\n");
        let s = &plan.sources[0];
        assert_eq!(
            (s.name.as_str(), s.covers, s.carryover),
            ("s", Covers::Acquisition, 0.0)
        );
        assert_eq!(s.may_pay, vec![true, true]);
        assert_eq!(s.grant[1].to_units(), 1000.0);
        assert_eq!(s.grant[0].to_units(), 0.0);
    }

    #[test]
    fn a_source_may_pay_listed_items_or_listed_categories() {
        let plan = valid(
            "\n[[source]]\nid = \"s\"\nyears = { 2026 = 1 }\nitems = [\"a\"]\ncategories = []\n\
             \n[[source]]\nid = \"t\"\nyears = { 2026 = 1 }\ncategories = [\"air\"]\n",
        );
        assert_eq!(plan.sources[0].may_pay, vec![true, false]);
        assert_eq!(plan.sources[1].may_pay, vec![false, true]);
    }

    #[test]
    fn a_source_in_another_currency_is_converted_year_by_year() {
        let plan = valid(
            "\n[fx]\nUSD = { 2025 = 0.8, 2026 = 0.9 }\n\n[[source]]\nid = \"s\"\ncurrency = \"USD\"\n\
             years = { 2025 = 100, 2026 = 100 }\n",
        );
        let grant: Vec<f64> = plan.sources[0].grant.iter().map(|m| m.to_units()).collect();
        assert_eq!(grant, vec![80.0, 90.0, 0.0]);
    }

    #[test]
    fn a_moved_rate_reaches_the_ledger_the_prices_and_the_grants_alike() {
        let mut plan = valid(
            "\n[fx]\nUSD = 0.8\n\n[[source]]\nid = \"s\"\ncurrency = \"USD\"\n\
             years = { 2025 = 100, 2026 = 100, 2027 = 100 }\n",
        );
        plan.items[1].currency = "USD".into();
        plan.items[1].pricing.rates = vec![0.8; 3];
        plan.move_rate("USD", 2026, 1.25);
        let ledger: Vec<Option<f64>> = (2025..=2027).map(|y| plan.rate("USD", y)).collect();
        assert_eq!(ledger, vec![Some(0.8), Some(1.0), Some(1.0)]);
        assert_eq!(plan.items[1].pricing.rates, vec![0.8, 1.0, 1.0]);
        assert_eq!(plan.items[0].pricing.rates, vec![1.0; 3]);
        let grant: Vec<f64> = plan.sources[0].grant.iter().map(|m| m.to_units()).collect();
        assert_eq!(grant, vec![80.0, 100.0, 100.0]);
    }
}
