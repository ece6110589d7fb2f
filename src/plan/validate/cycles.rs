//! Strongly connected components of the prerequisite graph, in linear time.
//!
//! Validation reports each loop among `requires` with the path it takes.
//! Searching for a path back to every item from scratch is quadratic on a
//! long chain (150,000 items took minutes); Tarjan's algorithm, run once,
//! says which items can be on a loop at all and confines each search to
//! one component. This module finds components; reporting stays with the
//! item rules.

/// The component of every item and whether it holds a loop.
pub(crate) struct Components {
    of: Vec<usize>,
    looped: Vec<bool>,
}

impl Components {
    /// Whether item `i` lies on some loop (its component has more than one
    /// item, or the item requires itself).
    pub(crate) fn on_a_loop(&self, i: usize) -> bool {
        self.looped[self.of[i]]
    }

    /// Whether two items are in one component.
    pub(crate) fn same(&self, a: usize, b: usize) -> bool {
        self.of[a] == self.of[b]
    }
}

/// Tarjan's algorithm, iterative (a 150,000-item chain would overflow the
/// stack if recursive). `edges[i]` lists the items `i` requires.
pub(crate) fn components(edges: &[Vec<usize>]) -> Components {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut of = vec![UNSEEN; n];
    let mut sizes: Vec<usize> = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if let Some(&w) = edges[v].get(*next) {
                *next += 1;
                if w >= n {
                    continue;
                }
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                let id = sizes.len();
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    of[w] = id;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    let mut looped: Vec<bool> = sizes.iter().map(|s| *s > 1).collect();
    for (i, deps) in edges.iter().enumerate() {
        if deps.contains(&i) {
            looped[of[i]] = true;
        }
    }
    Components { of, looped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_has_no_loop_and_a_ring_is_one_component() {
        // 0 -> 1 -> 2 (a chain); 3 -> 4 -> 5 -> 3 (a ring); 6 -> 6.
        let edges = vec![vec![1], vec![2], vec![], vec![4], vec![5], vec![3], vec![6]];
        let c = components(&edges);
        assert!((0..3).all(|i| !c.on_a_loop(i)));
        assert!((3..7).all(|i| c.on_a_loop(i)));
        assert!(c.same(3, 5) && !c.same(2, 3) && !c.same(5, 6));
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let c = components(&edges);
        assert!(!c.on_a_loop(0));
    }
}
