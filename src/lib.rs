//! capplan: a capability and modernisation planner for defence forces.
//!
//! The pipeline runs one way: a plan file is read into a raw tree
//! ([`plan::tree`]), validated into a [`plan::Plan`], turned into a
//! mixed-integer programme ([`model`]), solved ([`solve`]) into a
//! [`schedule::Schedule`], priced and checked in exact money into a
//! [`report::Report`], and rendered ([`render`]) as tables or JSON.

pub mod audit;
pub mod cli;
pub mod diagnostic;
pub mod ledger;
pub mod model;
pub mod money;
pub mod plan;
pub mod relax;
pub mod render;
pub mod report;
pub mod schedule;
pub mod solve;
pub mod suggest;
