//! The logical structure of a PDF (ISO 32000-1, 14.7–14.8): structure
//! elements built from the layout's [`StructTree`], linked to the marked
//! content of the pages (MCIDs) and to link annotations (OBJR), with the
//! parent tree that maps both back to their elements.
//!
//! An element's kids are its own content and its child elements in the
//! order they first appear on the pages, so the tree reads in the order a
//! person reads the pages. Elements with no content at all are left out.

use pdf_writer::{Dict, Finish, Name, Null, Pdf, Ref, TextStr};

use super::writer::{Ids, round3};

use crate::layout::frame::{NodeId, Role, StructTree};

/// The PDF structure type of a role.
pub fn role_name(role: Role) -> &'static [u8] {
    match role {
        Role::Part => b"Part",
        Role::Sect => b"Sect",
        Role::Heading(1) => b"H1",
        Role::Heading(2) => b"H2",
        Role::Heading(3) => b"H3",
        Role::Heading(4) => b"H4",
        Role::Heading(5) => b"H5",
        Role::Heading(_) => b"H6",
        Role::P => b"P",
        Role::List { .. } => b"L",
        Role::ListItem => b"LI",
        Role::Label => b"Lbl",
        Role::ListBody => b"LBody",
        Role::Table => b"Table",
        Role::TableRow => b"TR",
        Role::TableHeader => b"TH",
        Role::TableData => b"TD",
        Role::BlockQuote => b"BlockQuote",
        Role::Link => b"Link",
        Role::Figure => b"Figure",
        Role::Toc => b"TOC",
        Role::TocItem => b"TOCI",
    }
}

/// One kid of a structure element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Marked content `mcid` on page `page`.
    Content { page: usize, mcid: usize },
    /// A link annotation on page `page`.
    Annotation { page: usize, annot: Ref },
    /// A child element.
    Element(NodeId),
}

/// Collects what the pages say about the structure while they are written,
/// then writes the structure tree.
pub struct Tagging<'t> {
    tree: &'t StructTree,
    /// Per page, the element of each MCID.
    pages: Vec<Vec<NodeId>>,
    /// Per page, its link annotations and their elements.
    annotations: Vec<Vec<(Ref, NodeId)>>,
    /// Figure bounding boxes (PDF coordinates) by element.
    boxes: Vec<(NodeId, [f32; 4])>,
    page_count: usize,
    /// Link annotations recorded so far (the next one's key follows the pages').
    annotation_count: usize,
}

impl<'t> Tagging<'t> {
    /// Tagging for `tree` in a file of `page_count` pages.
    pub fn new(tree: &'t StructTree, page_count: usize) -> Self {
        Tagging {
            tree,
            pages: Vec::with_capacity(page_count),
            annotations: Vec::with_capacity(page_count),
            boxes: Vec::new(),
            page_count,
            annotation_count: 0,
        }
    }

    /// The structure type of element `node` (the marked-content tag).
    pub fn role_of(&self, node: NodeId) -> &'static [u8] {
        self.tree.get(node).map_or(b"Span", |n| role_name(n.role))
    }

    /// Records the next page's MCIDs (element of each, in MCID order).
    pub fn page(&mut self, mcids: Vec<NodeId>) {
        self.pages.push(mcids);
        self.annotations.push(Vec::new());
    }

    /// Records a link annotation of the current page; returns its
    /// `/StructParent` key.
    pub fn annotation(&mut self, annot: Ref, node: NodeId) -> i32 {
        if let Some(page) = self.annotations.last_mut() {
            page.push((annot, node));
        }
        let key = self.page_count + self.annotation_count;
        self.annotation_count += 1;
        key as i32
    }

    /// Records the bounding box of a figure (left, bottom, right, top).
    pub fn figure_box(&mut self, node: NodeId, bbox: [f32; 4]) {
        if !self.boxes.iter().any(|(n, _)| *n == node) {
            self.boxes.push((node, bbox));
        }
    }

    /// Every element's kids in reading order, the document's, and which
    /// elements are written.
    fn kids(&self) -> (Vec<Vec<Kid>>, Vec<NodeId>, Vec<bool>) {
        let mut kids: Vec<Vec<Kid>> = vec![Vec::new(); self.tree.nodes.len()];
        let mut roots = Vec::new();
        let mut seen = vec![false; self.tree.nodes.len()];
        let mut attach = |node: NodeId, kids: &mut Vec<Vec<Kid>>| {
            let mut child = node;
            while !seen[child.index()] {
                seen[child.index()] = true;
                match self.tree.get(child).and_then(|n| n.parent) {
                    Some(parent) if parent.index() < kids.len() => {
                        kids[parent.index()].push(Kid::Element(child));
                        child = parent;
                    }
                    _ => {
                        roots.push(child);
                        break;
                    }
                }
            }
        };
        for (page, (mcids, annots)) in self.pages.iter().zip(&self.annotations).enumerate() {
            for (mcid, node) in mcids.iter().enumerate() {
                if let Some(k) = kids.get_mut(node.index()) {
                    k.push(Kid::Content { page, mcid });
                    attach(*node, &mut kids);
                }
            }
            for (annot, node) in annots {
                if let Some(k) = kids.get_mut(node.index()) {
                    k.push(Kid::Annotation {
                        page,
                        annot: *annot,
                    });
                    attach(*node, &mut kids);
                }
            }
        }
        // A table row keeps all its cells, empty ones too, in column order:
        // every row must have as many columns as the table (PDF/UA 7.2-42/43).
        let mut cells: Vec<Vec<Kid>> = vec![Vec::new(); self.tree.nodes.len()];
        for (c, node) in self.tree.nodes.iter().enumerate() {
            if let (Role::TableHeader | Role::TableData, Some(row)) = (node.role, node.parent)
                && seen.get(row.index()).copied().unwrap_or(false)
            {
                seen[c] = true;
                cells[row.index()].push(Kid::Element(NodeId(c as u32)));
            }
        }
        for (row, row_cells) in cells.into_iter().enumerate() {
            if !row_cells.is_empty() {
                kids[row] = row_cells;
            }
        }
        (kids, roots, seen)
    }

    /// Writes the structure tree; returns the StructTreeRoot.
    pub fn write(self, pdf: &mut Pdf, ids: &mut Ids, page_ids: &[Ref]) -> Ref {
        let (kids, roots, seen) = self.kids();
        let root_id = ids.next();
        let document_id = ids.next();
        let refs: Vec<Option<Ref>> = seen
            .iter()
            .map(|&written| written.then(|| ids.next()))
            .collect();
        let elem = |n: NodeId| refs.get(n.index()).copied().flatten();
        for (i, node) in self.tree.nodes.iter().enumerate() {
            let Some(id) = refs[i] else { continue };
            let parent = node.parent.and_then(elem).unwrap_or(document_id);
            let mut dict = pdf.indirect(id).dict();
            self.element(
                &mut dict,
                NodeId(i as u32),
                &kids[i],
                parent,
                page_ids,
                &elem,
            );
        }
        let mut document = pdf.indirect(document_id).dict();
        document.pair(Name(b"Type"), Name(b"StructElem"));
        document.pair(Name(b"S"), Name(b"Document"));
        document.pair(Name(b"P"), root_id);
        document
            .insert(Name(b"K"))
            .array()
            .items(roots.iter().filter_map(|n| elem(*n)));
        document.finish();

        let parent_tree_id = ids.next();
        let mut parent_tree = pdf.indirect(parent_tree_id).dict();
        let mut nums = parent_tree.insert(Name(b"Nums")).array();
        for (page, mcids) in self.pages.iter().enumerate() {
            nums.item(page as i32);
            let mut marked = nums.push().array();
            for n in mcids {
                match elem(*n) {
                    Some(r) => marked.item(r),
                    None => marked.item(Null),
                };
            }
        }
        let mut key = self.page_count as i32;
        for (_, node) in self.annotations.iter().flatten() {
            nums.item(key);
            match elem(*node) {
                Some(r) => nums.item(r),
                None => nums.item(Null),
            };
            key += 1;
        }
        nums.finish();
        parent_tree.finish();
        let mut root = pdf.indirect(root_id).dict();
        root.pair(Name(b"Type"), Name(b"StructTreeRoot"));
        root.pair(Name(b"K"), document_id);
        root.pair(Name(b"ParentTree"), parent_tree_id);
        root.pair(Name(b"ParentTreeNextKey"), key);
        root_id
    }

    /// Writes the entries of element `node`'s dictionary.
    fn element(
        &self,
        d: &mut Dict<'_>,
        node: NodeId,
        kids: &[Kid],
        parent: Ref,
        page_ids: &[Ref],
        elem: &dyn Fn(NodeId) -> Option<Ref>,
    ) {
        let n = &self.tree.nodes[node.index()];
        d.pair(Name(b"Type"), Name(b"StructElem"));
        d.pair(Name(b"S"), Name(role_name(n.role)));
        d.pair(Name(b"P"), parent);
        let own_page = kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
            Kid::Element(_) => None,
        });
        if let Some(pg) = own_page.and_then(|p| page_ids.get(p)) {
            d.pair(Name(b"Pg"), *pg);
        }
        let mut k = d.insert(Name(b"K")).array();
        for kid in kids {
            match *kid {
                Kid::Content { page, mcid } if Some(page) == own_page => {
                    k.item(mcid as i32);
                }
                Kid::Content { page, mcid } => {
                    if let Some(pg) = page_ids.get(page) {
                        let mut mcr = k.push().dict();
                        mcr.pair(Name(b"Type"), Name(b"MCR"));
                        mcr.pair(Name(b"Pg"), *pg);
                        mcr.pair(Name(b"MCID"), mcid as i32);
                    }
                }
                Kid::Annotation { page, annot } => {
                    if let Some(pg) = page_ids.get(page) {
                        let mut objr = k.push().dict();
                        objr.pair(Name(b"Type"), Name(b"OBJR"));
                        objr.pair(Name(b"Pg"), *pg);
                        objr.pair(Name(b"Obj"), annot);
                    }
                }
                Kid::Element(child) => {
                    if let Some(r) = elem(child) {
                        k.item(r);
                    }
                }
            }
        }
        k.finish();
        if let Some(alt) = &n.alt {
            d.pair(Name(b"Alt"), TextStr(alt));
        }
        if let Some(lang) = n.lang.as_deref().filter(|l| !l.is_empty()) {
            d.pair(Name(b"Lang"), TextStr(lang));
        }
        self.attributes(d, node, n.role);
    }

    /// Writes the element's attribute dictionary (`/A`), if its role has one.
    fn attributes(&self, d: &mut Dict<'_>, node: NodeId, role: Role) {
        match role {
            Role::TableHeader | Role::TableData => {
                let span = self.tree.get(node).map_or(1, |n| n.col_span);
                if role == Role::TableData && span <= 1 {
                    return;
                }
                let mut a = d.insert(Name(b"A")).dict();
                a.pair(Name(b"O"), Name(b"Table"));
                if role == Role::TableHeader {
                    a.pair(Name(b"Scope"), Name(b"Column"));
                }
                if span > 1 {
                    a.pair(Name(b"ColSpan"), span as i32);
                }
            }
            Role::List { numbered } => {
                let mut a = d.insert(Name(b"A")).dict();
                a.pair(Name(b"O"), Name(b"List"));
                a.pair(
                    Name(b"ListNumbering"),
                    Name(if numbered { b"Decimal" } else { b"Disc" }),
                );
            }
            Role::Figure => {
                let Some((_, bbox)) = self.boxes.iter().find(|(n, _)| *n == node) else {
                    return;
                };
                let mut a = d.insert(Name(b"A")).dict();
                a.pair(Name(b"O"), Name(b"Layout"));
                a.pair(Name(b"Placement"), Name(b"Block"));
                a.insert(Name(b"BBox"))
                    .array()
                    .items(bbox.iter().map(|v| round3(*v)));
            }
            _ => {}
        }
    }
}
