//! Synthetic plans of any size, for tests and benchmarks.
//!
//! [`generate`] writes the text of a plan file that looks like a real
//! force's plan: three phases, items from a catalogue of equipment with
//! realistic unit costs, lead times, payment profiles and running costs,
//! prerequisites, orders already signed that the budget can pay for, a few
//! items that must be bought, and goals per capability area with milestones
//! set so that the budget meets most but not all of them. With several
//! nations, each has its own items and goals and the alliance adds shared
//! goals; the budget is one common envelope.
//!
//! The output depends only on the options: a splitmix64 generator seeded
//! with `seed`, and only arithmetic that IEEE 754 defines exactly (no
//! `exp`, `ln` or `powf`, whose last bits differ between platforms), so the
//! same options give the same bytes everywhere. The generator never reads
//! or writes files; the command line does.

use std::fmt::Write;

mod catalogue;
mod funding;

use catalogue::{payment_profiles, AREAS, CATALOGUE, PHASE_NAMES};

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// Number of items, at least 1.
    pub items: usize,
    /// Years in the horizon, 1 to 60.
    pub years: u32,
    /// Seed of the random generator.
    pub seed: u64,
    /// Nations sharing the plan, 1 to `items`.
    pub nations: usize,
    /// First year of the horizon.
    pub start: i32,
    /// Funding sources besides the national budget (section 8), 0 for none.
    pub sources: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            items: 50,
            years: 10,
            seed: 1,
            nations: 1,
            start: 2025,
            sources: 0,
        }
    }
}

/// The text of a generated plan file (valid by construction; the tests
/// check it against the validator for many seeds and sizes).
pub fn generate(options: &GenerateOptions) -> String {
    let mut generator = Generator::new(options);
    generator.phases();
    generator.items();
    generator.goals();
    generator.budget();
    generator.fixed_orders();
    generator.required_units();
    generator.targets();
    generator.render()
}

/// splitmix64 (Steele, Lea and Flood 2014): small, fast, and the same on
/// every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [low, high).
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Uniform integer in low..=high.
    fn int(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = (high - low + 1) as u64;
        low + (self.next() % span) as i64
    }

    /// Uniform index below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

struct GenPhase {
    start: i32,
    end: i32,
}

struct GenItem {
    id: String,
    name: String,
    kind: usize,
    nation: usize,
    /// Thousands of currency units.
    unit_cost_k: i64,
    min_units: i64,
    max_units: i64,
    max_per_year: Option<i64>,
    earliest: i32,
    latest: i32,
    phases: Vec<usize>,
    lead: i64,
    payments: &'static [f64],
    sustainment: f64,
    requires: Vec<usize>,
    /// (goal index, points per unit).
    contributes: Vec<(usize, f64)>,
    /// (year, units).
    fixed: Vec<(i32, i64)>,
}

impl GenItem {
    fn unit_cost(&self) -> f64 {
        self.unit_cost_k as f64 * 1000.0
    }

    /// Whether an order in the window can be delivered by `year`.
    fn deliverable_by(&self, year: i32) -> bool {
        i64::from(self.earliest) + self.lead <= i64::from(year)
    }

    /// The most units that could be delivered by `year` with unlimited
    /// money: fixed orders delivered by then plus the per-year cap in each
    /// open order year early enough, within `max_units` (the bound
    /// `capplan check` warns against).
    fn most_delivered_by(&self, year: i32, phases: &[GenPhase]) -> f64 {
        let last_order = year - self.lead as i32;
        let fixed: i64 = self
            .fixed
            .iter()
            .filter(|(y, _)| *y <= last_order)
            .map(|(_, units)| units)
            .sum();
        let open_years = (self.earliest..=self.latest.min(last_order))
            .filter(|y| {
                self.phases.is_empty()
                    || self
                        .phases
                        .iter()
                        .any(|&p| phases[p].start <= *y && *y <= phases[p].end)
            })
            .filter(|y| self.fixed.iter().all(|(f, _)| f != y))
            .count() as i64;
        let room = (self.max_units - self.fixed.iter().map(|(_, u)| u).sum::<i64>()).max(0);
        let orderable = match self.max_per_year {
            _ if open_years == 0 => 0,
            Some(cap) => (cap * open_years).min(room),
            None => room,
        };
        (fixed + orderable) as f64
    }
}

struct GenGoal {
    id: String,
    name: String,
    weight: i64,
    /// (year, target points).
    targets: Vec<(i32, f64)>,
}

struct Generator<'o> {
    options: &'o GenerateOptions,
    rng: SplitMix64,
    end: i32,
    phases: Vec<GenPhase>,
    items: Vec<GenItem>,
    goals: Vec<GenGoal>,
    /// Envelopes in tens of thousands, by year index.
    envelope_10k: Vec<i64>,
    capital_share: f64,
}

impl Generator<'_> {
    fn new(options: &GenerateOptions) -> Generator<'_> {
        let years = options.years.clamp(1, 60);
        Generator {
            options,
            rng: SplitMix64(options.seed),
            end: options.start + years as i32 - 1,
            phases: Vec::new(),
            items: Vec::new(),
            goals: Vec::new(),
            envelope_10k: Vec::new(),
            capital_share: 0.35,
        }
    }

    fn years(&self) -> i32 {
        self.end - self.options.start + 1
    }

    fn nations(&self) -> usize {
        self.options.nations.clamp(1, self.options.items.max(1))
    }

    /// Up to three phases of about equal length covering the horizon.
    fn phases(&mut self) {
        let years = self.years();
        let count = years.min(3);
        let mut start = self.options.start;
        for k in 0..count {
            let length = (years - (start - self.options.start)) / (count - k);
            self.phases.push(GenPhase {
                start,
                end: start + length - 1,
            });
            start += length;
        }
    }

    fn items(&mut self) {
        let total = self.options.items.max(1);
        let nations = self.nations();
        let mut counters = vec![vec![0usize; CATALOGUE.len()]; nations];
        for n in 0..total {
            let nation = n * nations / total;
            let k = self.rng.below(CATALOGUE.len());
            counters[nation][k] += 1;
            let item = self.item(nation, k, counters[nation][k]);
            self.items.push(item);
        }
    }

    fn prefix(&self, nation: usize) -> String {
        if self.nations() > 1 {
            format!("n{}-", nation + 1)
        } else {
            String::new()
        }
    }

    fn item(&mut self, nation: usize, k: usize, serial: usize) -> GenItem {
        let kind = &CATALOGUE[k];
        let start = self.options.start;
        let years = i64::from(self.years());
        let lead = self.rng.int(kind.lead.0, kind.lead.1);
        let unit_cost_k = self.rng.int(kind.cost_k.0, kind.cost_k.1);
        let max_units = self.rng.int(kind.units.0, kind.units.1);
        let max_per_year = if max_units >= 4 && self.rng.chance(0.6) {
            Some((max_units + 2) / self.rng.int(2, 4))
        } else {
            None
        };
        // Most items may be ordered from early on; orders late enough to
        // be delivered after the horizon are allowed but score nothing.
        let earliest = start + self.rng.int(0, (years - 1) / 3) as i32;
        // Every item can be delivered within the horizon.
        let lead = lead.min(i64::from(self.end - earliest));
        let last_useful = self.end - lead as i32;
        let latest = if self.rng.chance(0.8) {
            last_useful.max(earliest)
        } else {
            self.end
        };
        let mut phases = Vec::new();
        if self.phases.len() > 1 && self.rng.chance(0.2) {
            // Phase-bound items: one phase in which an order can still be
            // delivered within the horizon.
            let fitting: Vec<usize> = (0..self.phases.len())
                .filter(|&p| self.phases[p].end >= earliest && self.phases[p].start <= last_useful)
                .collect();
            if !fitting.is_empty() {
                phases.push(fitting[self.rng.below(fitting.len())]);
            }
        }
        let profiles = payment_profiles(lead);
        let payments = profiles[self.rng.below(profiles.len())];
        let sustainment = self.rng.between(kind.sustainment.0, kind.sustainment.1);
        let sustainment = (sustainment * 100.0).round() / 100.0;
        let mut item = GenItem {
            id: format!("{}{}-{:03}", self.prefix(nation), kind.stem, serial),
            name: format!("{} {}", kind.name, serial),
            kind: k,
            nation,
            unit_cost_k,
            min_units: 0,
            max_units,
            max_per_year,
            earliest,
            latest,
            phases,
            lead,
            payments,
            sustainment,
            requires: Vec::new(),
            contributes: Vec::new(),
            fixed: Vec::new(),
        };
        self.prerequisites(&mut item);
        item
    }

    /// About one item in eight needs an earlier item of its nation that
    /// can be delivered before the item's last order year.
    fn prerequisites(&mut self, item: &mut GenItem) {
        if self.items.is_empty() || !self.rng.chance(0.12) {
            return;
        }
        let wanted = if self.rng.chance(0.25) { 2 } else { 1 };
        for _ in 0..wanted {
            let j = self.rng.below(self.items.len());
            let other = &self.items[j];
            let useful = other.nation == item.nation
                && other.deliverable_by(item.latest)
                && !item.requires.contains(&j);
            if useful {
                item.requires.push(j);
            }
        }
    }

    /// Goals per nation and capability area (one per dozen items), the
    /// alliance's shared goals, and the points each item brings.
    fn goals(&mut self) {
        let nations = self.nations();
        // goals_of[nation][area] = goal indices.
        let mut goals_of: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); AREAS.len()]; nations];
        for (nation, areas) in goals_of.iter_mut().enumerate() {
            for (a, area) in AREAS.iter().enumerate() {
                let count = self
                    .items
                    .iter()
                    .filter(|i| i.nation == nation && CATALOGUE[i.kind].area == a)
                    .count();
                let goals = count.div_ceil(12);
                for g in 0..goals {
                    let (suffix, name_suffix) = if goals > 1 {
                        (format!("-{}", g + 1), format!(" {}", g + 1))
                    } else {
                        (String::new(), String::new())
                    };
                    let nation_name = if nations > 1 {
                        format!("nation {}: ", nation + 1)
                    } else {
                        String::new()
                    };
                    areas[a].push(self.goals.len());
                    self.goals.push(GenGoal {
                        id: format!("{}{}{}", self.prefix(nation), area.id, suffix),
                        name: format!("{nation_name}{}{name_suffix}", area.name),
                        weight: [1, 1, 1, 2, 3][self.rng.below(5)],
                        targets: Vec::new(),
                    });
                }
            }
        }
        let alliance: Vec<(usize, usize)> = if nations > 1 {
            [(4, "alliance-c4"), (3, "alliance-air-defence")]
                .into_iter()
                .map(|(area, id)| {
                    self.goals.push(GenGoal {
                        id: id.to_string(),
                        name: format!("Alliance: {}", AREAS[area].name),
                        weight: 2,
                        targets: Vec::new(),
                    });
                    (area, self.goals.len() - 1)
                })
                .collect()
        } else {
            Vec::new()
        };
        for i in 0..self.items.len() {
            let (nation, area, max_units) = {
                let item = &self.items[i];
                (item.nation, CATALOGUE[item.kind].area, item.max_units)
            };
            let own = &goals_of[nation][area];
            let primary = own[self.rng.below(own.len())];
            let points = self.points(max_units, 0.25, 0.6);
            self.items[i].contributes.push((primary, points));
            if self.rng.chance(0.25) {
                let other = self.rng.below(AREAS.len());
                let candidates = &goals_of[nation][other];
                if other != area && !candidates.is_empty() {
                    let goal = candidates[self.rng.below(candidates.len())];
                    let points = self.points(max_units, 0.05, 0.2);
                    self.items[i].contributes.push((goal, points));
                }
            }
            for &(alliance_area, goal) in &alliance {
                if alliance_area == area && self.rng.chance(0.5) {
                    let points = self.points(max_units, 0.05, 0.2);
                    self.items[i].contributes.push((goal, points));
                }
            }
            self.items[i].contributes.sort_by_key(|&(g, _)| g);
        }
    }

    /// Points per unit so that all `max_units` bring a share of 100 points
    /// in `low..high`, in halves, at least one half.
    fn points(&mut self, max_units: i64, low: f64, high: f64) -> f64 {
        let share = self.rng.between(low, high);
        ((200.0 * share / max_units as f64).round() / 2.0).max(0.5)
    }

    /// The plan's budget: about half of what buying every item would cost,
    /// rising 3% a year, so that most but not all goals can be met.
    fn budget(&mut self) {
        let years = self.years() as usize;
        let wish: f64 = self
            .items
            .iter()
            .map(|i| {
                i.unit_cost() * i.max_units as f64 * (1.0 + i.sustainment * years as f64 / 3.0)
            })
            .sum();
        let share_of_wish = self.rng.between(0.35, 0.5);
        let mut weights = Vec::with_capacity(years);
        let mut w = 1.0;
        for _ in 0..years {
            weights.push(w);
            w *= 1.03;
        }
        let total_weight: f64 = weights.iter().sum();
        self.capital_share = [0.3, 0.35, 0.4][self.rng.below(3)];
        self.envelope_10k = weights
            .iter()
            .map(|w| {
                let budget = wish * share_of_wish * w / total_weight;
                (budget / self.capital_share / 10_000.0).round().max(1.0) as i64
            })
            .collect();
    }

    /// B_y of a year index (the capital share of its envelope), in currency
    /// units, rounded down.
    fn budget_of(&self, t: usize) -> f64 {
        (self.envelope_10k[t] as f64 * 10_000.0 * self.capital_share).floor()
    }

    /// Orders already signed, in the first two years, while every year's
    /// payments and running costs for them stay within 35% of its budget.
    fn fixed_orders(&mut self) {
        let years = self.years() as usize;
        let mut load = vec![0.0f64; years];
        for i in 0..self.items.len() {
            if !self.rng.chance(0.1) {
                continue;
            }
            let item = &self.items[i];
            let year_index = self.rng.below(years.min(2));
            let units = ((item.max_units as f64 * self.rng.between(0.1, 0.3)).round() as i64)
                .clamp(1, item.max_units);
            let mut extra = vec![0.0f64; years];
            let cost = item.unit_cost() * units as f64;
            for (k, share) in item.payments.iter().enumerate() {
                if let Some(e) = extra.get_mut(year_index + k) {
                    *e += cost * share;
                }
            }
            let delivered = year_index + item.lead as usize;
            for e in extra.iter_mut().skip(delivered + 1) {
                *e += cost * item.sustainment;
            }
            let fits = (0..years).all(|y| load[y] + extra[y] <= 0.35 * self.budget_of(y));
            if fits {
                for y in 0..years {
                    load[y] += extra[y];
                }
                let year = self.options.start + year_index as i32;
                self.items[i].fixed.push((year, units));
            }
        }
    }

    /// A few cheap items without prerequisites must be bought (`min_units`),
    /// in all for at most 10% of the smallest year's budget with their
    /// running costs, so a plan is never infeasible because of them.
    fn required_units(&mut self) {
        let years = f64::from(self.years());
        let smallest = (0..self.envelope_10k.len())
            .map(|t| self.budget_of(t))
            .fold(f64::INFINITY, f64::min);
        let mut used = 0.0;
        for i in 0..self.items.len() {
            if !self.rng.chance(0.05) {
                continue;
            }
            let item = &self.items[i];
            if !item.requires.is_empty() || !item.fixed.is_empty() || item.max_units < 2 {
                continue;
            }
            let units = self.rng.int(1, 2);
            let cost = item.unit_cost() * units as f64 * (1.0 + item.sustainment * years);
            if used + cost > 0.1 * smallest {
                continue;
            }
            used += cost;
            let start = self.options.start;
            let item = &mut self.items[i];
            item.min_units = units;
            item.earliest = start;
            item.phases.clear();
            item.max_per_year = item.max_per_year.map(|cap| cap.max(units));
        }
    }

    /// Milestones: the last year, and the middle year for horizons of four
    /// years or more. Targets are a share of what every contributor could
    /// deliver by then.
    fn targets(&mut self) {
        let years = self.years();
        let mut milestone_years = Vec::new();
        if years >= 4 {
            milestone_years.push(self.options.start + (years - 1) / 2);
        }
        milestone_years.push(self.end);
        for g in 0..self.goals.len() {
            for (m, &year) in milestone_years.iter().enumerate() {
                let phases = &self.phases;
                let potential: f64 = self
                    .items
                    .iter()
                    .flat_map(|i| {
                        i.contributes
                            .iter()
                            .filter(|(goal, _)| *goal == g)
                            .map(move |(_, p)| p * i.most_delivered_by(year, phases))
                    })
                    .sum();
                let last = m + 1 == milestone_years.len();
                let (low, high) = if last { (0.6, 0.85) } else { (0.35, 0.55) };
                let target = (potential * self.rng.between(low, high)).floor();
                if target >= 1.0 {
                    self.goals[g].targets.push((year, target));
                } else if last {
                    // Too little can be delivered for a share of it to make
                    // a target: all of it is the target.
                    self.goals[g].targets.push((year, potential.max(0.5)));
                }
            }
        }
    }

    fn render(&self) -> String {
        let o = self.options;
        let mut out = String::with_capacity(600 * self.items.len() + 4096);
        let nations = if self.nations() > 1 {
            format!(" --nations {}", self.nations())
        } else {
            String::new()
        };
        let nations = if o.sources > 0 {
            format!("{nations} --sources {}", o.sources)
        } else {
            nations
        };
        let _ = writeln!(
            out,
            "# Synthetic plan written by `capplan generate --items {} --years {} --seed {}{nations}`.\n\
             # Every figure is invented; the plan only looks like a real one, for tests and\n\
             # benchmarks. The same command writes the same file.\n",
            self.items.len(),
            self.years(),
            o.seed
        );
        let _ = writeln!(out, "[plan]");
        let _ = writeln!(
            out,
            "name = \"Generated plan: {} items, {} years, seed {}{}\"",
            self.items.len(),
            self.years(),
            o.seed,
            if self.nations() > 1 {
                format!(", {} nations", self.nations())
            } else {
                String::new()
            }
        );
        let _ = writeln!(out, "currency = \"EUR\"");
        let _ = writeln!(out, "start = {}\nend = {}", o.start, self.end);
        let _ = writeln!(out, "objective = \"max-goals\"\n");
        let _ = writeln!(out, "[budget]");
        let _ = writeln!(out, "capital_share = {}", self.capital_share);
        let _ = writeln!(out, "carryover = 0.1\n");
        let _ = writeln!(out, "[budget.years]");
        for (t, envelope_10k) in self.envelope_10k.iter().enumerate() {
            let _ = writeln!(
                out,
                "{} = \"{}\"",
                o.start + t as i32,
                millions(envelope_10k * 10)
            );
        }
        for (p, phase) in self.phases.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n[[phase]]\nid = \"p{}\"\nname = \"{}\"\nstart = {}\nend = {}",
                p + 1,
                PHASE_NAMES[p],
                phase.start,
                phase.end
            );
        }
        for item in &self.items {
            self.render_item(&mut out, item);
        }
        for goal in &self.goals {
            let _ = write!(
                out,
                "\n[[goal]]\nid = \"{}\"\nname = \"{}\"\nweight = {}\ntargets = {{ ",
                goal.id, goal.name, goal.weight
            );
            let targets: Vec<String> = goal
                .targets
                .iter()
                .map(|(year, target)| format!("{year} = {target}"))
                .collect();
            let _ = writeln!(out, "{} }}", targets.join(", "));
        }
        if o.sources > 0 {
            let budgets: Vec<f64> = (0..self.envelope_10k.len())
                .map(|t| self.budget_of(t))
                .collect();
            let mut categories: Vec<&str> = Vec::new();
            for item in &self.items {
                let category = AREAS[CATALOGUE[item.kind].area].id;
                if !categories.contains(&category) {
                    categories.push(category);
                }
            }
            out.push_str(&funding::sources_text(
                o.sources,
                o.start,
                &budgets,
                &categories,
            ));
        }
        out
    }

    fn render_item(&self, out: &mut String, item: &GenItem) {
        let kind = &CATALOGUE[item.kind];
        let _ = writeln!(out, "\n[[item]]\nid = \"{}\"", item.id);
        let _ = writeln!(out, "name = \"{}\"", item.name);
        let _ = writeln!(out, "category = \"{}\"", AREAS[kind.area].id);
        let _ = writeln!(out, "unit_cost = \"{}\"", millions(item.unit_cost_k));
        if item.min_units > 0 {
            let _ = writeln!(out, "min_units = {}", item.min_units);
        }
        let _ = writeln!(out, "max_units = {}", item.max_units);
        if let Some(cap) = item.max_per_year {
            let _ = writeln!(out, "max_per_year = {cap}");
        }
        if kind.divisible {
            let _ = writeln!(out, "divisible = true");
        }
        if item.earliest != self.options.start {
            let _ = writeln!(out, "earliest = {}", item.earliest);
        }
        if item.latest != self.end {
            let _ = writeln!(out, "latest = {}", item.latest);
        }
        if !item.phases.is_empty() {
            let phases: Vec<String> = item
                .phases
                .iter()
                .map(|p| format!("\"p{}\"", p + 1))
                .collect();
            let _ = writeln!(out, "phases = [{}]", phases.join(", "));
        }
        if item.lead > 0 {
            let _ = writeln!(out, "lead_time = {}", item.lead);
        }
        let payments: Vec<String> = item.payments.iter().map(|p| format!("{p:?}")).collect();
        let _ = writeln!(out, "payments = [{}]", payments.join(", "));
        if item.sustainment > 0.0 {
            let _ = writeln!(out, "sustainment = {}", item.sustainment);
        }
        if !item.requires.is_empty() {
            let requires: Vec<String> = item
                .requires
                .iter()
                .map(|&j| format!("\"{}\"", self.items[j].id))
                .collect();
            let _ = writeln!(out, "requires = [{}]", requires.join(", "));
        }
        let contributes: Vec<String> = item
            .contributes
            .iter()
            .map(|&(g, points)| format!("{} = {}", self.goals[g].id, points))
            .collect();
        let _ = writeln!(out, "contributes = {{ {} }}", contributes.join(", "));
        if !item.fixed.is_empty() {
            let fixed: Vec<String> = item
                .fixed
                .iter()
                .map(|(year, units)| format!("{year} = {units}"))
                .collect();
            let _ = writeln!(out, "fixed = {{ {} }}", fixed.join(", "));
        }
    }
}

/// Thousands of currency units as an amount string in millions, exact:
/// 2350 -> "2.35M", 40000 -> "40M".
fn millions(thousands: i64) -> String {
    let whole = thousands / 1000;
    let rest = thousands % 1000;
    if rest == 0 {
        format!("{whole}M")
    } else {
        let fraction = format!("{rest:03}");
        format!("{whole}.{}M", fraction.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // First outputs for seed 1234567 (reference implementation by
        // Sebastiano Vigna).
        let mut rng = SplitMix64(1234567);
        assert_eq!(rng.next(), 6457827717110365317);
        assert_eq!(rng.next(), 3203168211198807973);
    }

    #[test]
    fn millions_are_exact_and_short() {
        assert_eq!(millions(2350), "2.35M");
        assert_eq!(millions(40_000), "40M");
        assert_eq!(millions(10), "0.01M");
    }

    #[test]
    fn phases_cover_the_horizon_without_gaps() {
        for years in [1, 2, 3, 4, 10, 20, 60] {
            let options = GenerateOptions {
                years,
                ..GenerateOptions::default()
            };
            let mut g = Generator::new(&options);
            g.phases();
            assert_eq!(g.phases[0].start, options.start);
            assert_eq!(g.phases.last().map(|p| p.end), Some(g.end));
            for pair in g.phases.windows(2) {
                assert_eq!(pair[0].end + 1, pair[1].start);
            }
        }
    }
}
