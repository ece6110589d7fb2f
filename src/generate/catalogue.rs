//! The generator's catalogue: capability areas, kinds of equipment with
//! their cost, quantity, lead-time and running-cost ranges, payment
//! profiles and phase names. Every figure is invented.

/// A capability area: one goal family per nation.
pub(super) struct Area {
    pub id: &'static str,
    pub name: &'static str,
}

pub(super) const AREAS: [Area; 10] = [
    Area {
        id: "land",
        name: "Land manoeuvre",
    },
    Area {
        id: "air",
        name: "Air mobility",
    },
    Area {
        id: "isr",
        name: "Intelligence, surveillance and reconnaissance",
    },
    Area {
        id: "air-defence",
        name: "Ground-based air defence",
    },
    Area {
        id: "c4",
        name: "Command, control and communications",
    },
    Area {
        id: "cyber",
        name: "Cyber defence",
    },
    Area {
        id: "logistics",
        name: "Logistics and medical support",
    },
    Area {
        id: "maritime",
        name: "Maritime security",
    },
    Area {
        id: "training",
        name: "Training and readiness",
    },
    Area {
        id: "engineering",
        name: "Engineering and EOD",
    },
];

/// One kind of equipment in the catalogue.
pub(super) struct Kind {
    /// Index into [`AREAS`].
    pub area: usize,
    pub stem: &'static str,
    pub name: &'static str,
    /// Unit cost range, thousands of currency units.
    pub cost_k: (i64, i64),
    pub units: (i64, i64),
    pub lead: (i64, i64),
    /// Yearly running cost, as a share of the unit cost.
    pub sustainment: (f64, f64),
    pub divisible: bool,
}

const fn kind(
    area: usize,
    stem: &'static str,
    name: &'static str,
    cost_k: (i64, i64),
    units: (i64, i64),
    lead: (i64, i64),
    sustainment: (f64, f64),
) -> Kind {
    Kind {
        area,
        stem,
        name,
        cost_k,
        units,
        lead,
        sustainment,
        divisible: false,
    }
}

pub(super) const CATALOGUE: [Kind; 24] = [
    kind(
        0,
        "apc",
        "Armoured personnel carrier",
        (2_000, 5_000),
        (8, 60),
        (1, 2),
        (0.04, 0.08),
    ),
    kind(
        0,
        "ltv",
        "Light tactical vehicle",
        (150, 400),
        (20, 200),
        (0, 1),
        (0.05, 0.10),
    ),
    kind(
        0,
        "mortar",
        "120 mm mortar system",
        (300, 1_000),
        (6, 30),
        (1, 2),
        (0.02, 0.05),
    ),
    kind(
        0,
        "atgm",
        "Anti-tank missile launcher",
        (200, 500),
        (10, 60),
        (1, 3),
        (0.03, 0.06),
    ),
    kind(
        1,
        "uh",
        "Utility helicopter",
        (12_000, 25_000),
        (2, 12),
        (2, 3),
        (0.06, 0.10),
    ),
    kind(
        1,
        "trainer",
        "Basic training aircraft",
        (5_000, 12_000),
        (2, 10),
        (1, 3),
        (0.05, 0.09),
    ),
    kind(
        2,
        "uav",
        "Tactical UAV system",
        (3_000, 12_000),
        (1, 8),
        (1, 2),
        (0.06, 0.10),
    ),
    kind(
        2,
        "radar",
        "Surveillance radar",
        (10_000, 40_000),
        (1, 4),
        (1, 3),
        (0.04, 0.07),
    ),
    kind(
        2,
        "eo",
        "Electro-optical sensor suite",
        (500, 3_000),
        (4, 20),
        (0, 1),
        (0.03, 0.06),
    ),
    kind(
        3,
        "shorad",
        "Short-range air-defence battery",
        (15_000, 60_000),
        (1, 6),
        (2, 3),
        (0.04, 0.07),
    ),
    kind(
        3,
        "manpads",
        "MANPADS team kit",
        (200, 600),
        (10, 60),
        (1, 2),
        (0.02, 0.05),
    ),
    kind(
        4,
        "c2",
        "Command-post system",
        (1_000, 6_000),
        (2, 12),
        (1, 2),
        (0.06, 0.10),
    ),
    kind(
        4,
        "satcom",
        "SATCOM terminal",
        (200, 1_200),
        (5, 40),
        (0, 1),
        (0.05, 0.08),
    ),
    kind(
        4,
        "radio",
        "Tactical radio set",
        (10, 30),
        (200, 1_500),
        (0, 1),
        (0.03, 0.06),
    ),
    kind(
        5,
        "soc",
        "Cyber defence centre",
        (5_000, 25_000),
        (1, 2),
        (1, 2),
        (0.08, 0.12),
    ),
    kind(
        5,
        "cyberkit",
        "Deployable cyber team kit",
        (100, 500),
        (5, 30),
        (0, 1),
        (0.06, 0.10),
    ),
    kind(
        6,
        "truck",
        "Logistics truck",
        (150, 400),
        (20, 150),
        (0, 1),
        (0.04, 0.08),
    ),
    kind(
        6,
        "tanker",
        "Fuel tanker",
        (300, 600),
        (4, 30),
        (0, 1),
        (0.04, 0.07),
    ),
    kind(
        6,
        "hospital",
        "Field hospital module",
        (2_000, 8_000),
        (1, 6),
        (1, 2),
        (0.05, 0.08),
    ),
    kind(
        7,
        "patrol",
        "Coastal patrol boat",
        (8_000, 30_000),
        (1, 6),
        (2, 3),
        (0.04, 0.07),
    ),
    kind(
        8,
        "sim",
        "Simulation centre",
        (5_000, 20_000),
        (1, 3),
        (1, 2),
        (0.05, 0.08),
    ),
    Kind {
        divisible: true,
        ..kind(
            8,
            "ammo",
            "Training ammunition lot",
            (500, 2_000),
            (5, 40),
            (0, 1),
            (0.0, 0.0),
        )
    },
    kind(
        9,
        "bridge",
        "Bridging set",
        (2_000, 6_000),
        (1, 8),
        (1, 2),
        (0.03, 0.05),
    ),
    kind(
        9,
        "eod",
        "EOD equipment set",
        (300, 1_000),
        (4, 20),
        (0, 1),
        (0.03, 0.06),
    ),
];

/// Payment profiles by lead time (shares are exact in decimal).
pub(super) fn payment_profiles(lead: i64) -> &'static [&'static [f64]] {
    match lead {
        0 => &[&[1.0], &[0.5, 0.5]],
        1 => &[&[0.5, 0.5], &[0.3, 0.7], &[1.0]],
        2 => &[&[0.3, 0.4, 0.3], &[0.2, 0.3, 0.5]],
        _ => &[&[0.2, 0.3, 0.3, 0.2], &[0.1, 0.2, 0.3, 0.4]],
    }
}

pub(super) const PHASE_NAMES: [&str; 3] = ["Consolidation", "Modernisation", "Interoperability"];
