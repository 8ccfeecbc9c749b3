/**
 * When the provider name changes to a provider the folder knows, offer that provider's domain
 * (the one its articles use most), so the name and the domain stay a pair. Found with the
 * contract's own query (the provider filter), after typing stops.
 */
import { useEffect, useState } from 'react';
import type { CuratorApi } from '../../../../shared/contract';
import { foldText } from '../../../../shared/rules/formats';

/** The domain the folder's articles of provider `name` use most, or `null`. */
export async function knownDomainOf(api: CuratorApi, name: string): Promise<string | null> {
  const res = await api.query({ provider: [name], limit: 200 });
  const want = foldText(name.trim());
  const counts = new Map<string, number>();
  for (const row of res.items) {
    if (foldText(row.providerName.trim()) !== want || !row.providerDomain.trim()) continue;
    const d = row.providerDomain.trim();
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [d, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Props of {@link ProviderDomainOffer}. */
export interface ProviderDomainOfferProps {
  api: CuratorApi;
  /** The provider name as edited. */
  name: string;
  /** The provider name as read (no offer while it is unchanged and a domain is set). */
  baseName: string;
  /** The domain as edited. */
  domain: string;
  onUse(domain: string): void;
  /** Milliseconds after the last keystroke before the folder is asked. */
  delayMs?: number;
}

/** "Known domain of BBC: [Use bbc.co.uk]", or nothing. */
export function ProviderDomainOffer(p: ProviderDomainOfferProps) {
  const [known, setKnown] = useState<{ name: string; domain: string | null } | null>(null);
  const name = p.name.trim();
  const wanted = name !== '' && (name !== p.baseName.trim() || p.domain.trim() === '');
  const { api, delayMs = 250 } = p;

  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      knownDomainOf(api, name).then(
        (domain) => {
          if (!cancelled) setKnown({ name, domain });
        },
        () => undefined, // no offer is a fine answer to a failed lookup
      );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, name, wanted, delayMs]);

  if (!wanted || !known || known.name !== name || !known.domain) return null;
  if (known.domain === p.domain.trim()) return null;
  const domain = known.domain;
  return (
    <p className="field-note domain-offer">
      {name}’s articles use {domain}.{' '}
      <button type="button" className="subtle" onClick={() => p.onUse(domain)}>
        Use {domain}
      </button>
    </p>
  );
}
