// Translated sentences with formulas inside: the message marks each place with <0/>, <1/>, ...
// and the page supplies the nodes (rendered math), so word order stays the translator's.
import { Fragment, type ReactNode } from "react";

export function rich(message: string, nodes: readonly ReactNode[]): ReactNode {
  return message.split(/(<\d+\/>)/).map((part, i) => {
    const slot = /^<(\d+)\/>$/.exec(part);
    return <Fragment key={i}>{slot ? nodes[Number(slot[1])] : part}</Fragment>;
  });
}
