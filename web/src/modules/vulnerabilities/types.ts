/** Shapes of /api/v1/vulnerabilities (src/vulnerabilities/vulnerabilities-service.ts). */

export interface CveSummary {
  cveId: string;
  state: string;
  title: string | null;
  description: string;
  assigner: string | null;
  datePublished: string | null;
  dateUpdated: string | null;
  cvss: { score: number; vector: string; version: string; source: string } | null;
  ssvc: { exploitation: string | null; automatable: string | null; technicalImpact: string | null } | null;
  cwes: string[];
  kev: { dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string } | null;
  source: string;
  importedAt: string;
}

export interface CveDetail extends CveSummary {
  affected: { container: string; provider: string; vendor: string; product: string; defaultStatus: string | null; entry: unknown }[];
  rules: { productKey: string; rule: unknown }[];
}

export interface KevEntry {
  cveId: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string;
  knownRansomwareCampaignUse: string;
  shortDescription: string;
  requiredAction: string;
  hasRecord: boolean;
}

export interface Paged<T> {
  total: number;
  items: T[];
}
