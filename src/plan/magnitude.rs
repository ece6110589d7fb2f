//! Warnings for amounts a thousand times smaller than their peers: an
//! envelope of `220` among envelopes of hundreds of millions, a unit cost
//! of `15` among costs in millions. Almost always a missing `M` or `k`;
//! never an error, because a plan may mean it.

use super::lint::Warning;
use super::Plan;
use crate::money::Money;

/// How many times smaller than the median an amount must be to be flagged.
const FACTOR: i64 = 1000;

/// Envelopes and unit costs far below their peers' median.
pub fn warnings(plan: &Plan, out: &mut Vec<Warning>) {
    let envelopes: Vec<Money> = plan.budget.years.iter().map(|y| y.envelope).collect();
    if let Some(median) = median(&envelopes) {
        for y in &plan.budget.years {
            if y.envelope > Money::ZERO && y.envelope.cents() * FACTOR < median.cents() {
                out.push(Warning {
                    message: format!(
                        "the {} envelope of {} is over a thousand times smaller than the others \
                         (median {}): a missing M or k?",
                        y.year,
                        y.envelope.short(),
                        median.short()
                    ),
                    at: y.at.clone(),
                });
            }
        }
    }
    // Cheap items beside expensive ones are normal (ammunition and
    // aircraft); a cost below a thousand among costs in millions is not.
    let costs: Vec<Money> = plan.items.iter().map(|i| i.unit_cost).collect();
    if let Some(median) = median(&costs) {
        for item in &plan.items {
            let cost = item.unit_cost;
            if cost.cents() < 1000 * 100
                && median.cents() >= 1_000_000 * 100
                && cost.cents() * FACTOR < median.cents()
            {
                out.push(Warning {
                    message: format!(
                        "item `{}`: a unit cost of {} among unit costs in millions (median {}): \
                         a missing M or k?",
                        item.id,
                        cost.short(),
                        median.short()
                    ),
                    at: item.at.clone(),
                });
            }
        }
    }
}

/// The median of at least three amounts (fewer have no peers to speak of).
fn median(amounts: &[Money]) -> Option<Money> {
    if amounts.len() < 3 {
        return None;
    }
    let mut sorted = amounts.to_vec();
    sorted.sort();
    Some(sorted[sorted.len() / 2])
}
