"""Checks the every-page crawl runs on each page (issue 14, done-when): axe, sideways scroll at 360 px, and English
catalogue strings left untranslated on a French page. Each returns a list of problems in words a reader can act on.
"""

import gettext
import re
from functools import cache
from pathlib import Path

from django.conf import settings

from tests.e2e.axe import report, violations

# Words that read the same in both languages, or names and codes: never a translation bug.
UNTRANSLATED_ALLOWED = {
    "ESP Portal",  # product name in the English catalogue; the French header says "Portail FSE" (checked apart)
    "Total", "Description", "Segment", "Transport", "Date", "Documents", "Format", "Type", "Note", "Notes", "Orientation",
    "Options", "Action", "Service", "Services", "Stage", "Questions", "Expert", "Client", "Clients", "Statut",
    "Contact", "Contacts", "Mode", "Permanent", "Province", "Region", "Article", "Communication", "Position",
    "Certification", "Construction", "Manufacturing", "Finance", "Information", "Permanence", "Justification",
    "Attribution", "Quality", "Code", "Message", "Messages", "Source", "Transfer", "Solution", "Solutions",
    "Introduction", "Nom", "Culture", "Education", "Installation", "Administration", "TEER", "NOC", "Toronto",
    "Central", "Eastern", "Western", "Northern", "English", "French", "Email", "E-mail", "OK", "API", "CSV",
}
MIN_LENGTH = 4  # shorter strings ("No", "All") collide with names and codes too often to judge

_TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    if (parent.closest('[translate="no"], [data-crawl-ignore]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], img[alt], input[type=submit][value]')) {
    if (el.closest('[translate="no"], [data-crawl-ignore]')) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'value']) {
      if (name === 'value' && el.tagName !== 'INPUT') continue;
      const v = (el.getAttribute(name) || '').replace(/\\s+/g, ' ').trim();
      if (v) out.push(v);
    }
  }
  out.push(document.title.trim());
  return out;
}"""

_WIDE_JS = """() => {
  const limit = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > limit + 1) {
      // Inside a scroll container the overflow is the container's business, not the page's.
      let p = el.parentElement, contained = false;
      while (p && p !== document.body) {
        const s = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p.getBoundingClientRect().right <= limit + 1) {
          contained = true; break;
        }
        p = p.parentElement;
      }
      if (contained) continue;
      const id = el.id ? '#' + el.id : '';
      const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
      out.push(`${el.tagName.toLowerCase()}${id}${cls} reaches ${Math.round(r.right)} px`);
      if (out.length >= 5) break;
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: limit, offenders: out};
}"""


@cache
def english_catalogue() -> frozenset[str]:
    """English source strings whose French differs, without placeholders (those cannot be matched exactly)."""
    path = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001  (the parsed .mo, msgid -> msgstr)
    strings = set()
    for key, french in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or "%" in msgid or "{" in msgid or msgid == french:
            continue
        msgid = re.sub(r"\s+", " ", msgid).strip()
        if len(msgid) >= MIN_LENGTH and msgid not in UNTRANSLATED_ALLOWED:
            strings.add(msgid)
    return frozenset(strings)


def untranslated(page) -> list[str]:
    """English catalogue strings shown as whole texts (text nodes, labels, titles) on a French page."""
    catalogue = english_catalogue()
    found = []
    for text in page.evaluate(_TEXTS_JS):
        candidate = text.rstrip(":·").strip()
        if candidate in catalogue and candidate not in found:
            found.append(candidate)
    return [f"untranslated on a French page: {text!r}" for text in found]


def sideways_scroll(page) -> list[str]:
    """The page is wider than the window (WCAG 1.4.10 reflow), with the elements that stick out."""
    result = page.evaluate(_WIDE_JS)
    if result["scroll"] <= result["width"]:
        return []
    return [f"scrolls sideways: {result['scroll']} px wide in a {result['width']} px window; "
            + "; ".join(result["offenders"])]


def axe_problems(page, *, rules: list[str] | None = None) -> list[str]:
    found = violations(page, rules=rules)
    return [report(found)] if found else []


def brand(page) -> list[str]:
    """The header brand follows the language."""
    text = page.locator("header").first.inner_text() if page.locator("header").count() else ""
    return ["the header brand says 'ESP Portal' on a French page"] if "ESP Portal" in text else []
