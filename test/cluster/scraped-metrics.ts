/** Prometheus' text format as the cluster's workers and APIs serve it. */

export const scrape = async (url: string): Promise<string> => (await fetch(url)).text();

/** The value of one sample (`name{labels} value`), summed over the lines that hold every given label. */
export function sample(text: string, name: string, labels: Record<string, string>): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
