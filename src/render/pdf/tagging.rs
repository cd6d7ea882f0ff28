//! The logical structure of a PDF (ISO 32000-1, 14.7–14.8): structure
//! elements built from the layout's [`StructTree`], linked to the marked
//! content of the pages (MCIDs) and to link annotations (OBJR), with the
//! parent tree that maps both back to their elements.
//!
//! An element's kids are its own content and its child elements in the
//! order they first appear on the pages, so the tree reads in the order a
//! person reads the pages. Elements with no content at all are left out.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

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
    Annotation { page: usize, annot: ObjectId },
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
    annotations: Vec<Vec<(ObjectId, NodeId)>>,
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
    pub fn annotation(&mut self, annot: ObjectId, node: NodeId) -> i64 {
        if let Some(page) = self.annotations.last_mut() {
            page.push((annot, node));
        }
        let key = self.page_count + self.annotation_count;
        self.annotation_count += 1;
        key as i64
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
    pub fn write(self, doc: &mut lopdf::Document, page_ids: &[ObjectId]) -> ObjectId {
        let (kids, roots, seen) = self.kids();
        let root_id = doc.new_object_id();
        let document_id = doc.new_object_id();
        let ids: Vec<Option<ObjectId>> = seen
            .iter()
            .map(|&written| written.then(|| doc.new_object_id()))
            .collect();
        let elem = |n: NodeId| ids.get(n.index()).copied().flatten();
        for (i, node) in self.tree.nodes.iter().enumerate() {
            let Some(id) = ids[i] else { continue };
            let parent = node.parent.and_then(elem).unwrap_or(document_id);
            let dict = self.element(NodeId(i as u32), &kids[i], parent, page_ids, &elem);
            doc.set_object(id, dict);
        }
        let mut document = Dictionary::new();
        document.set("Type", "StructElem");
        document.set("S", "Document");
        document.set("P", root_id);
        document.set(
            "K",
            roots
                .iter()
                .filter_map(|n| elem(*n))
                .map(Object::Reference)
                .collect::<Vec<_>>(),
        );
        doc.set_object(document_id, document);

        let mut nums = Vec::new();
        for (page, mcids) in self.pages.iter().enumerate() {
            nums.push(Object::Integer(page as i64));
            nums.push(Object::Array(
                mcids
                    .iter()
                    .map(|n| elem(*n).map_or(Object::Null, Object::Reference))
                    .collect(),
            ));
        }
        let mut key = self.page_count as i64;
        for (_, node) in self.annotations.iter().flatten() {
            nums.push(Object::Integer(key));
            nums.push(elem(*node).map_or(Object::Null, Object::Reference));
            key += 1;
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", nums);
        let parent_tree_id = doc.add_object(parent_tree);
        let mut root = Dictionary::new();
        root.set("Type", "StructTreeRoot");
        root.set("K", document_id);
        root.set("ParentTree", parent_tree_id);
        root.set("ParentTreeNextKey", key);
        doc.set_object(root_id, root);
        root_id
    }

    /// The dictionary of element `node`.
    fn element(
        &self,
        node: NodeId,
        kids: &[Kid],
        parent: ObjectId,
        page_ids: &[ObjectId],
        elem: &dyn Fn(NodeId) -> Option<ObjectId>,
    ) -> Dictionary {
        let n = &self.tree.nodes[node.index()];
        let mut d = Dictionary::new();
        d.set("Type", "StructElem");
        d.set("S", Object::Name(role_name(n.role).to_vec()));
        d.set("P", parent);
        // The element's page: that of its first own content.
        let own_page = kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
            Kid::Element(_) => None,
        });
        if let Some(pg) = own_page.and_then(|p| page_ids.get(p)) {
            d.set("Pg", *pg);
        }
        let k: Vec<Object> = kids
            .iter()
            .filter_map(|kid| match *kid {
                Kid::Content { page, mcid } if Some(page) == own_page => {
                    Some(Object::Integer(mcid as i64))
                }
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", "MCR");
                    mcr.set("Pg", *page_ids.get(page)?);
                    mcr.set("MCID", mcid as i64);
                    Some(Object::Dictionary(mcr))
                }
                Kid::Annotation { page, annot } => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", "OBJR");
                    objr.set("Pg", *page_ids.get(page)?);
                    objr.set("Obj", annot);
                    Some(Object::Dictionary(objr))
                }
                Kid::Element(child) => elem(child).map(Object::Reference),
            })
            .collect();
        d.set("K", k);
        if let Some(alt) = &n.alt {
            d.set("Alt", text_string(alt));
        }
        if let Some(lang) = n.lang.as_deref().filter(|l| !l.is_empty()) {
            d.set("Lang", text_string(lang));
        }
        if let Some(a) = self.attributes(node, n.role) {
            d.set("A", a);
        }
        d
    }

    /// Attributes the standards ask for: a header cell's scope, a list's
    /// numbering, a figure's bounding box.
    fn attributes(&self, node: NodeId, role: Role) -> Option<Dictionary> {
        let mut a = Dictionary::new();
        match role {
            Role::TableHeader | Role::TableData => {
                let span = self.tree.get(node).map_or(1, |n| n.col_span);
                if role == Role::TableData && span <= 1 {
                    return None;
                }
                a.set("O", "Table");
                if role == Role::TableHeader {
                    a.set("Scope", "Column");
                }
                if span > 1 {
                    a.set("ColSpan", span as i64);
                }
            }
            Role::List { numbered } => {
                a.set("O", "List");
                a.set("ListNumbering", if numbered { "Decimal" } else { "Disc" });
            }
            Role::Figure => {
                let (_, bbox) = self.boxes.iter().find(|(n, _)| *n == node)?;
                a.set("O", "Layout");
                a.set("Placement", "Block");
                a.set(
                    "BBox",
                    bbox.iter()
                        .map(|v| super::writer::real(*v))
                        .collect::<Vec<_>>(),
                );
            }
            _ => return None,
        }
        Some(a)
    }
}

/// A PDF text string: literal for printable ASCII, UTF-16BE with BOM otherwise.
pub fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}
