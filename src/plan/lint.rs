//! Warnings about a valid plan: things that are allowed but almost
//! certainly not what the planner meant, found without solving. `check`
//! prints them; they never stop a solve.

use super::{Item, Plan};
use crate::diagnostic::Location;

/// Something a planner should look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub message: String,
    pub at: Location,
}

/// Every warning for a plan, in plan order (goals, then items).
pub fn warnings(plan: &Plan) -> Vec<Warning> {
    let mut out = Vec::new();
    goal_warnings(plan, &mut out);
    item_warnings(plan, &mut out);
    super::magnitude::warnings(plan, &mut out);
    out
}

/// Each goal's contributing items with their points, in item order, built
/// in one pass over the items (not one per goal: a plan with 5,000 goals
/// and 65,000 items would take a minute).
fn contributors_by_goal(plan: &Plan) -> Vec<Vec<(&Item, f64)>> {
    let mut by_goal: Vec<Vec<(&Item, f64)>> = vec![Vec::new(); plan.goals.len()];
    for (i, item) in plan.items.iter().enumerate() {
        for (g, p) in &item.contributes {
            let Some(list) = by_goal.get_mut(*g) else {
                continue;
            };
            // An item counts once per goal, with its first positive entry.
            let listed = list
                .last()
                .is_some_and(|(last, _)| std::ptr::eq(*last, &plan.items[i]));
            if *p > 0.0 && !listed {
                list.push((item, *p));
            }
        }
    }
    by_goal
}

fn goal_warnings(plan: &Plan, out: &mut Vec<Warning>) {
    let by_goal = contributors_by_goal(plan);
    for (goal, contributors) in plan.goals.iter().zip(by_goal) {
        if contributors.is_empty() {
            out.push(Warning {
                message: format!(
                    "goal `{}` gets points from no item: none of its milestones can be met",
                    goal.id
                ),
                at: goal.at.clone(),
            });
            continue;
        }
        for m in &goal.milestones {
            let reachable: f64 = contributors
                .iter()
                .map(|(item, p)| p * item.most_delivered_by(m.year))
                .sum();
            if reachable < m.target * (1.0 - 1e-9) {
                out.push(Warning {
                    message: format!(
                        "goal `{}`: at most {} of the {} points of its {} milestone can be delivered by then, even with unlimited money",
                        goal.id,
                        trim(reachable),
                        trim(m.target),
                        m.year
                    ),
                    at: m.at.clone(),
                });
            }
        }
    }
}

fn item_warnings(plan: &Plan, out: &mut Vec<Warning>) {
    let mut required = vec![false; plan.items.len()];
    for other in &plan.items {
        for &j in &other.requires {
            if let Some(r) = required.get_mut(j) {
                *r = true;
            }
        }
    }
    for (i, item) in plan.items.iter().enumerate() {
        let useful =
            item.contributes.iter().any(|(_, p)| *p > 0.0) || item.min_units > 0.0 || required[i];
        if !useful && item.fixed.is_empty() {
            out.push(Warning {
                message: format!(
                    "item `{}` contributes to no goal, has no min_units and is no prerequisite: it will never be ordered",
                    item.id
                ),
                at: item.at.clone(),
            });
        }
        if item.order_years.is_empty() && item.fixed.is_empty() {
            out.push(Warning {
                message: format!(
                    "item `{}` has no order year (its window and phases leave none) and no fixed order",
                    item.id
                ),
                at: item.at.clone(),
            });
        }
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load_text;

    fn plan(items: &str) -> Plan {
        let text = format!(
            "[plan]\nname = \"t\"\nstart = 2025\nend = 2028\n\
             [budget]\nyears = {{ 2025 = 10, 2026 = 10, 2027 = 10, 2028 = 10 }}\n\
             {items}\n[[goal]]\nid = \"g\"\ntargets = {{ 2026 = 5, 2028 = 5 }}\n"
        );
        match load_text("t.toml", &text) {
            Ok((plan, _)) => plan,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_milestone_before_any_delivery_is_flagged_with_its_line() {
        let p = plan(
            "[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 9\nlead_time = 2\ncontributes = { g = 1 }\n",
        );
        let w = warnings(&p);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("2026 milestone"), "{}", w[0].message);
        assert!(
            w[0].message.contains("at most 0 of the 5"),
            "{}",
            w[0].message
        );
        assert_eq!(w[0].at.line, 16, "the `targets` line");
    }

    #[test]
    fn caps_limit_what_can_be_reached() {
        let p = plan(
            "[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 9\nmax_per_year = 1\ncontributes = { g = 1 }\n",
        );
        let w = warnings(&p);
        // Two order years by 2026 give 2 of 5 points; four by 2028 give 4 of 5.
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[1]
            .message
            .contains("at most 4 of the 5 points of its 2028"));
    }

    #[test]
    fn useless_items_and_goals_without_contributors_are_flagged() {
        let p = plan("[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 9\n");
        let w = warnings(&p);
        assert!(w
            .iter()
            .any(|w| w.message.contains("goal `g` gets points from no item")));
        assert!(w
            .iter()
            .any(|w| w.message.contains("item `a` contributes to no goal")));
    }

    #[test]
    fn a_sound_plan_has_no_warnings() {
        let p =
            plan("[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 9\ncontributes = { g = 1 }\n");
        assert_eq!(warnings(&p), vec![]);
    }
}
