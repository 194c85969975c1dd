// The JavaScript competitor: what a hand-written widget does with the same answer. The browser's
// DOMParser builds the document, every field of every <enrollment> is read into a plain object
// (both certificate shapes, 0/1 and false/true booleans), and a keystroke filters those objects.
// Dates stay ISO strings (they compare as text), which is the cheapest a JS widget can do.

const BOOLEAN = { 1: true, true: true, 0: false, false: false };

/** Parses one `GET /enrollment` answer into plain objects; throws on malformed XML. */
export function parseBaseline(xml) {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) {
    throw new Error("the answer is not well-formed XML");
  }
  const nodes = doc.getElementsByTagName("enrollment");
  const items = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    items[i] = readEnrollment(nodes[i]);
  }
  return items;
}

function readEnrollment(node) {
  const e = {
    enrollmentId: "",
    courseId: "",
    learnerId: "",
    accessDate: "",
    dueDate: null,
    expirationDate: null,
    shouldLockAfterDueDate: false,
    enrollmentTypeGroup: 0,
    certificate: null,
  };
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
    const text = child.textContent.trim();
    switch (child.localName) {
      case "enrollmentId": e.enrollmentId = text; break;
      case "courseId": e.courseId = text; break;
      case "learnerId": e.learnerId = text; break;
      case "accessDate": e.accessDate = text; break;
      case "dueDate": e.dueDate = text; break;
      case "expirationDate": e.expirationDate = text; break;
      case "shouldLockAfterDueDate": e.shouldLockAfterDueDate = BOOLEAN[text] ?? false; break;
      case "enrollmentTypeGroup": e.enrollmentTypeGroup = Number(text); break;
      case "certificate": e.certificate = readCertificate(child); break;
      // The reference page's flat shape.
      case "issuedCertificateId": certificate(e).id = text; break;
      case "certIssueDate": certificate(e).issueDate = text; break;
      case "certExpiryDate": certificate(e).expiryDate = text; break;
    }
  }
  return e;
}

function certificate(e) {
  return (e.certificate ??= { id: "", issueDate: null, expiryDate: null });
}

function readCertificate(node) {
  const c = { id: "", issueDate: null, expiryDate: null };
  for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
    const text = child.textContent.trim();
    switch (child.localName) {
      case "issuedCertificateId": c.id = text; break;
      case "issueDate": c.issueDate = text; break;
      case "expiryDate": c.expiryDate = text; break;
    }
  }
  return c;
}

/** The enrollments whose enrollment, course or learner ID contains `text` (any case). */
export function filterBaseline(items, text) {
  const needle = text.trim().toLowerCase();
  if (needle === "") return items;
  return items.filter(
    (e) =>
      e.enrollmentId.toLowerCase().includes(needle) ||
      e.courseId.toLowerCase().includes(needle) ||
      e.learnerId.toLowerCase().includes(needle),
  );
}
