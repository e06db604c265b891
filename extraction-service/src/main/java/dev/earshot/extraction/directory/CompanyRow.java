package dev.earshot.extraction.directory;

import dev.earshot.extraction.company.CrmRef;
import java.util.List;

/**
 * One company of an upload, validated.
 *
 * @param id company id (unique within the upload)
 * @param name company name
 * @param domains normalised domains
 * @param crmIds CRM ids
 */
record CompanyRow(String id, String name, List<String> domains, List<CrmRef> crmIds) {}
