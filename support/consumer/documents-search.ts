/**
 * CON-DOC-SEARCH: a consumer's search documents query read by the search page's rules (the same reading
 * the embedded provider refuses by, as DOC-INCLUDES answers): the mandatory includes, created as ge/le,
 * author as an ODS code.
 */
import { expectedAnswer } from '../domain/catalogue';
import { DocumentQueryError, readDocumentQuery } from '../gpconnect/document-query';

export function documentSearchProblem(query: URLSearchParams): string | undefined {
  try {
    readDocumentQuery(query, { requireIncludes: true, checkAuthor: true });
    return undefined;
  } catch (err) {
    if (err instanceof DocumentQueryError) {
      const { status, code } = expectedAnswer('DOC-INCLUDES');
      return `a provider refuses it ${status} ${code}: ${err.message}`;
    }
    throw err;
  }
}
