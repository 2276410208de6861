// The misconception catalogue: identifiers fixed by the contract, with what the student
// did and the hint they see, in English, Japanese and Korean. docs/misconceptions.md mirrors it.
import { byLayout, wordsIn } from "../notation";
import type { Layout } from "../nn/types";

export const MISCONCEPTION_IDS = [
  "output_activation_wrong",
  "loss_terms_missing",
  "cross_entropy_derivative_extra_terms",
  "mean_factor_forgotten",
  "square_factor_forgotten",
  "weights_not_transposed",
  "updated_weights_in_backprop",
  "activation_derivative_forgotten",
  "relu_derivative_at_zero",
  "softmax_jacobian_diagonal_only",
  "softmax_shortcut_misused",
  "wrong_layer_input",
  "gradient_transposed",
  "bias_gradient_not_summed",
  "update_sign_flipped",
  "learning_rate_forgotten",
  "rounding_too_coarse",
  "arithmetic_slip",
] as const;

export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

type Texts = { en: string; ja: string; ko: string };

export interface Misconception {
  /** A short name for the mistake, in words (the identifier stays in the JSON). */
  name: Texts;
  /** What the student computed (the quantity, then the faulty rule). */
  did: Texts;
  /** The hint the student sees. */
  en: string;
  ja: string;
  ko: string;
  /**
   * The texts written again for a column-layout exercise, where symbols alone do not carry over
   * (a product's order, W^T δ for Δ W^T; a sample's column for its row). Elsewhere the row texts'
   * symbols are renamed (lib/notation wordsIn: z, x, δ, b, ŷ − t).
   */
  column?: { did?: Texts; hint?: Texts };
}

/** A misconception's name, what the student did and its hint, in a language and in the exercise's notation. */
export function misconceptionIn(id: MisconceptionId, lang: keyof Texts, layout: Layout): { name: string; did: string; hint: string } {
  const m = CATALOGUE[id];
  const own = byLayout(layout, undefined, m.column);
  return { name: wordsIn(layout, m.name[lang]), did: own?.did?.[lang] ?? wordsIn(layout, m.did[lang]), hint: own?.hint?.[lang] ?? wordsIn(layout, m[lang]) };
}

export const CATALOGUE: Record<MisconceptionId, Misconception> = {
  output_activation_wrong: {
    name: { en: "Wrong output activation", ja: "出力層の活性化関数の誤り", ko: "출력층 활성화 함수 오류" },
    did: {
      en: "X^L: the output layer's activation dropped (X^L = A^L) or replaced by the hidden layers' one",
      ja: 'X^L: 出力層の活性化関数を省いた (X^L = A^L)、または中間層の関数で代用した',
      ko: "X^L: 출력층의 활성화 함수를 빠뜨렸거나(X^L = A^L) 은닉층의 활성화 함수로 대신했다",
    },
    en: "Check the output layer's activation: X^L = h_L(A^L) uses the output layer's own activation, not the hidden layers' one, and it must not be skipped.",
    ja: "出力層の活性化関数を確認しましょう。X^L = h_L(A^L) は出力層自身の活性化関数で計算し、省略も中間層の関数での代用もしません。",
    ko: "출력층의 활성화 함수를 확인하세요. X^L = h_L(A^L)은 은닉층의 함수가 아니라 출력층 자체의 활성화 함수로 계산하며, 생략해서도 안 됩니다.",
  },
  loss_terms_missing: {
    name: { en: "Terms missing from the loss", ja: "損失の項の抜け", ko: "손실 항 누락" },
    did: {
      en: 'loss: some terms left out (only the first class with t ≠ 0 of a multi-hot target; only one sample of a batch)',
      ja: '損失: 項の一部を落とした (複数クラスが正解のとき最初のクラスだけ、バッチのうち1サンプルだけ)',
      ko: "손실: 일부 항을 빠뜨렸다(정답 클래스가 여러 개인 타깃에서 t ≠ 0인 첫 번째 클래스만, 또는 배치 중 샘플 하나만 계산)",
    },
    en: "The loss sums over every sample of the batch and over the classes: for cross-entropy, every class whose target is not 0 gives a log term (a target like (1, 1, 0) gives two).",
    ja: "損失はバッチのすべてのサンプルとクラスについて和をとります。交差エントロピーでは、正解が 0 でないクラスごとに log の項が1つ入ります ((1, 1, 0) のような正解なら2つ)。",
    ko: "손실은 배치의 모든 샘플과 클래스에 대해 합을 구합니다. 교차 엔트로피에서는 타깃이 0이 아닌 클래스마다 log 항이 하나씩 들어갑니다((1, 1, 0) 같은 타깃이면 두 개).",
  },
  cross_entropy_derivative_extra_terms: {
    name: { en: "Extra terms in the cross-entropy derivative", ja: "交差エントロピーの微分に余分な項", ko: "교차 엔트로피 미분의 불필요한 항" },
    did: {
      en: "∂L/∂X^L: the lecture's −t_j/x_j + Σ_{i≠j} t_i/x_i (divided by N) instead of −t_j/x_j",
      ja: '∂L/∂X^L: −t_j/x_j ではなく講義資料の −t_j/x_j + Σ_{i≠j} t_i/x_i (を N で割ったもの) を使った',
      ko: "∂L/∂X^L: −t_j/x_j 대신 강의 자료의 −t_j/x_j + Σ_{i≠j} t_i/x_i (N으로 나눈 것)를 사용했다",
    },
    en: "∂L/∂x_j of cross-entropy is just −t_j/x_j (divided by N): the outputs x_i are separate variables here, so the terms Σ_{i≠j} t_i/x_i do not belong. The coupling between classes comes from softmax's Jacobian in the next step.",
    ja: "交差エントロピーの ∂L/∂x_j は −t_j/x_j (を N で割ったもの) だけです。ここでは各 x_i は別々の変数なので Σ_{i≠j} t_i/x_i の項は入りません。クラス間の結びつきは次のステップのソフトマックスのヤコビ行列から生じます。",
    ko: "교차 엔트로피의 ∂L/∂x_j는 −t_j/x_j (N으로 나눈 것)뿐입니다. 여기서는 출력 x_i가 각각 별개의 변수이므로 Σ_{i≠j} t_i/x_i 항은 들어가지 않습니다. 클래스 사이의 상호 의존은 다음 단계인 소프트맥스의 야코비 행렬에서 생깁니다.",
  },
  mean_factor_forgotten: {
    name: { en: "Mean's 1/N forgotten", ja: "平均の 1/N の付け忘れ", ko: "평균의 1/N 누락" },
    did: {
      en: '∂L/∂X^L or the loss: a mean loss without its 1/N (cross-entropy) or 1/(N K) (mse, binary cross-entropy)',
      ja: '∂L/∂X^L または損失: 平均をとる損失の 1/N (交差エントロピー) や 1/(N K) (平均二乗誤差・2値交差エントロピー) を忘れた',
      ko: "∂L/∂X^L 또는 손실: 평균 손실에서 1/N(교차 엔트로피) 또는 1/(N K)(평균 제곱 오차, 이진 교차 엔트로피)을 빠뜨렸다",
    },
    en: "This loss is a mean: keep its 1/N (cross-entropy) or 1/(N·K) (mean squared error, binary cross-entropy) in the loss and in its gradient.",
    ja: "この損失は平均です。損失とその勾配に 1/N (交差エントロピー) や 1/(N·K) (平均二乗誤差・2値交差エントロピー) を忘れずに掛けましょう。",
    ko: "이 손실은 평균입니다. 손실과 그 기울기 모두에 1/N(교차 엔트로피) 또는 1/(N·K)(평균 제곱 오차, 이진 교차 엔트로피)을 빠뜨리지 말고 곱하세요.",
  },
  square_factor_forgotten: {
    name: { en: "Factor 2 of the square forgotten", ja: "2乗の微分の係数 2 の付け忘れ", ko: "제곱 미분의 계수 2 누락" },
    did: {
      en: '∂L/∂X^L: the gradient of mse or sse without the factor 2 of the square',
      ja: '∂L/∂X^L: 平均二乗誤差・二乗和誤差の勾配で、二乗から出る係数 2 を忘れた',
      ko: "∂L/∂X^L: 평균 제곱 오차 또는 제곱합 오차의 기울기에서 제곱에서 나오는 계수 2를 빠뜨렸다",
    },
    en: "Differentiating (y − t)² gives 2(y − t): the factor 2 stays unless the loss has a ½ in front.",
    ja: "(y − t)² を微分すると 2(y − t) です。損失の前に ½ がない限り、係数 2 は残ります。",
    ko: "(y − t)²를 미분하면 2(y − t)입니다. 손실 앞에 ½이 붙어 있지 않은 한 계수 2는 그대로 남습니다.",
  },
  weights_not_transposed: {
    name: { en: "W used instead of Wᵀ", ja: "Wᵀ ではなく W を使用", ko: "Wᵀ 대신 W 사용" },
    did: {
      en: '∂L/∂X^l (l < L): Δ^(l+1) W^(l+1) instead of Δ^(l+1) W^(l+1)T (square W; column layout: W δ instead of Wᵀ δ)',
      ja: '∂L/∂X^l (l < L): Δ^(l+1) W^(l+1)T ではなく Δ^(l+1) W^(l+1) を使った (W が正方行列のとき。列ベクトル表記では Wᵀ δ ではなく W δ)',
      ko: "∂L/∂X^l (l < L): Δ^(l+1) W^(l+1)T 대신 Δ^(l+1) W^(l+1)을 사용했다(W가 정방행렬인 경우. 열벡터 표기에서는 Wᵀ δ 대신 W δ)",
    },
    en: "Backpropagate through the transpose: ∂L/∂X^l = Δ^(l+1) W^(l+1)T (column layout: W^T δ). With a square W the shapes fit either way, so check which index is which.",
    ja: "逆伝播では転置を使います: ∂L/∂X^l = Δ^(l+1) W^(l+1)T (列ベクトル表記なら W^T δ)。W が正方行列だと形はどちらでも合うので、添字の対応を確かめましょう。",
    ko: "역전파에서는 전치 행렬을 사용합니다: ∂L/∂X^l = Δ^(l+1) W^(l+1)T (열벡터 표기에서는 W^T δ). W가 정방행렬이면 어느 쪽이든 크기가 맞으므로 인덱스의 대응 관계를 확인하세요.",
    column: {
      did: {
        en: "∂L/∂x^l (l < L): W^(l+1) δ^(l+1) instead of W^(l+1)T δ^(l+1) (square W)",
        ja: "∂L/∂x^l (l < L): W^(l+1)T δ^(l+1) ではなく W^(l+1) δ^(l+1) を使った (W が正方行列のとき)",
        ko: "∂L/∂x^l (l < L): W^(l+1)T δ^(l+1) 대신 W^(l+1) δ^(l+1)을 사용했다(W가 정방행렬인 경우)",
      },
      hint: {
        en: "Backpropagate through the transpose: ∂L/∂x^l = W^(l+1)T δ^(l+1). With a square W the shapes fit either way, so check which index is which.",
        ja: "逆伝播では転置を使います: ∂L/∂x^l = W^(l+1)T δ^(l+1)。W が正方行列だと形はどちらでも合うので、添字の対応を確かめましょう。",
        ko: "역전파에서는 전치 행렬을 사용합니다: ∂L/∂x^l = W^(l+1)T δ^(l+1). W가 정방행렬이면 어느 쪽이든 크기가 맞으므로 인덱스의 대응 관계를 확인하세요.",
      },
    },
  },
  updated_weights_in_backprop: {
    name: { en: "Updated weights used in backpropagation", ja: "逆伝播に更新後の重みを使用", ko: "역전파에 갱신된 가중치 사용" },
    did: {
      en: '∂L/∂X^l (l < L): backpropagated through the already updated W^(l+1) − η ∂L/∂W^(l+1)',
      ja: '∂L/∂X^l (l < L): 更新後の W^(l+1) − η ∂L/∂W^(l+1) を使って逆伝播した',
      ko: "∂L/∂X^l (l < L): 이미 갱신된 W^(l+1) − η ∂L/∂W^(l+1)을 사용해 역전파했다",
    },
    en: "Use the old weights in the backward pass: every parameter is updated only after all the gradients have been computed.",
    ja: "逆伝播には更新前の重みを使います。すべての勾配を計算し終えてから、パラメータをまとめて更新します。",
    ko: "역전파에는 갱신 전의 가중치를 사용하세요. 모든 기울기를 계산한 다음에 매개변수를 한꺼번에 갱신합니다.",
  },
  activation_derivative_forgotten: {
    name: { en: "Activation derivative forgotten (e.g. the ReLU mask)", ja: "活性化関数の微分の掛け忘れ (ReLU のマスクなど)", ko: "활성화 함수 미분 누락(ReLU 마스크 등)" },
    did: {
      en: "Δ^l: ∂L/∂X^l without ⊙ h'(A^l) (ReLU mask, σ(1−σ), 1−tanh², leaky slope)",
      ja: "Δ^l: ∂L/∂X^l に ⊙ h'(A^l) (ReLU のマスク、σ(1−σ)、1−tanh²、leaky の傾き) を掛け忘れた",
      ko: "Δ^l: ∂L/∂X^l에 ⊙ h'(A^l)(ReLU 마스크, σ(1−σ), 1−tanh², leaky ReLU의 기울기)을 곱하지 않았다",
    },
    en: "Δ^l = ∂L/∂X^l ⊙ h'(A^l): multiply entry by entry by the activation's derivative (the ReLU mask of 0s and 1s, σ(1 − σ), 1 − tanh², the leaky slope).",
    ja: "Δ^l = ∂L/∂X^l ⊙ h'(A^l) です。活性化関数の微分 (ReLU なら 0 と 1 のマスク、σ(1 − σ)、1 − tanh²、leaky の傾き) を要素ごとに掛けましょう。",
    ko: "Δ^l = ∂L/∂X^l ⊙ h'(A^l)입니다. 활성화 함수의 도함수(0과 1로 이루어진 ReLU 마스크, σ(1 − σ), 1 − tanh², leaky ReLU의 기울기)를 성분별로 곱하세요.",
  },
  relu_derivative_at_zero: {
    name: { en: "ReLU′(0) taken as 1", ja: "ReLU′(0) を 1 とした", ko: "ReLU′(0)을 1로 처리" },
    did: {
      en: "Δ^l: ReLU'(0) taken as 1 where a pre-activation is exactly 0",
      ja: "Δ^l: 活性化前の値がちょうど 0 のところで ReLU'(0) = 1 とした",
      ko: "Δ^l: 활성화 함수 입력값이 정확히 0인 곳에서 ReLU'(0)을 1로 두었다",
    },
    en: "ReLU'(0) is taken as 0 in this course: a unit whose pre-activation is exactly 0 passes no gradient.",
    ja: "この講義では ReLU'(0) = 0 とします。活性化前の値がちょうど 0 のユニットは勾配を通しません。",
    ko: "이 강의에서는 ReLU'(0) = 0으로 정합니다. 활성화 함수 입력값이 정확히 0인 유닛은 기울기를 전달하지 않습니다.",
  },
  softmax_jacobian_diagonal_only: {
    name: { en: "Softmax Jacobian without its off-diagonal terms", ja: "ソフトマックスのヤコビ行列の非対角成分の抜け", ko: "소프트맥스 야코비 행렬의 비대각 성분 누락" },
    did: {
      en: "Δ^L: ∂L/∂X_j · x_j(1 − x_j), softmax's Jacobian without its off-diagonal terms",
      ja: 'Δ^L: ∂L/∂X_j · x_j(1 − x_j)。ソフトマックスのヤコビ行列の非対角成分を落とした',
      ko: "Δ^L: ∂L/∂X_j · x_j(1 − x_j)로 계산해 소프트맥스 야코비 행렬의 비대각 성분을 빠뜨렸다",
    },
    en: "Softmax couples its outputs: ∂x_i/∂a_j = x_i(δ_ij − x_j), so Δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i). Using only the diagonal x_j(1 − x_j) drops how each output depends on the other pre-activations, and that is wrong for two classes as well as for more: with cross-entropy it gives 0 for every class whose target is 0.",
    ja: "ソフトマックスの出力は互いに結びついています: ∂x_i/∂a_j = x_i(δ_ij − x_j) なので Δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i)。対角成分 x_j(1 − x_j) だけを使うと、各出力が他の入力にも依存する分が抜け落ちます。これは2クラスでも3クラス以上でも誤りで、交差エントロピーでは正解が 0 のクラスの値がすべて 0 になってしまいます。",
    ko: "소프트맥스의 출력은 서로 의존합니다: ∂x_i/∂a_j = x_i(δ_ij − x_j)이므로 Δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i)입니다. 대각 성분 x_j(1 − x_j)만 쓰면 각 출력이 다른 입력에도 의존하는 부분이 빠집니다. 이는 클래스가 두 개일 때도 세 개 이상일 때도 틀리며, 교차 엔트로피에서는 타깃이 0인 클래스의 값이 모두 0이 됩니다.",
    column: {
      did: {
        en: "δ^L: ∂L/∂x_j · x_j(1 − x_j), softmax's Jacobian without its off-diagonal terms",
        ja: "δ^L: ∂L/∂x_j · x_j(1 − x_j)。ソフトマックスのヤコビ行列の非対角成分を落とした",
        ko: "δ^L: ∂L/∂x_j · x_j(1 − x_j)로 계산해 소프트맥스 야코비 행렬의 비대각 성분을 빠뜨렸다",
      },
      hint: {
        en: "Softmax couples its outputs: ∂x_i/∂z_j = x_i([i = j] − x_j), so δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i). Using only the diagonal x_j(1 − x_j) drops how each output depends on the other pre-activations, and that is wrong for two classes as well as for more: with cross-entropy it gives 0 for every class whose target is 0.",
        ja: "ソフトマックスの出力は互いに結びついています: ∂x_i/∂z_j = x_i([i = j] − x_j) なので δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i)。対角成分 x_j(1 − x_j) だけを使うと、各出力が他の入力にも依存する分が抜け落ちます。これは2クラスでも3クラス以上でも誤りで、交差エントロピーでは正解が 0 のクラスの値がすべて 0 になってしまいます。",
        ko: "소프트맥스의 출력은 서로 의존합니다: ∂x_i/∂z_j = x_i([i = j] − x_j)이므로 δ_j = x_j(∂L/∂x_j − Σ_i ∂L/∂x_i x_i)입니다. 대각 성분 x_j(1 − x_j)만 쓰면 각 출력이 다른 입력에도 의존하는 부분이 빠집니다. 이는 클래스가 두 개일 때도 세 개 이상일 때도 틀리며, 교차 엔트로피에서는 타깃이 0인 클래스의 값이 모두 0이 됩니다.",
      },
    },
  },
  softmax_shortcut_misused: {
    name: { en: "Shortcut Y − T used where it does not hold", ja: "成り立たない場面で近道 Y − T を使用", ko: "성립하지 않는 경우에 지름길 Y − T 사용" },
    did: {
      en: 'Δ^L: (X^L − T)/N for softmax with cross-entropy where a target row does not sum to 1',
      ja: 'Δ^L: 正解の行の和が 1 でないのに、ソフトマックス + 交差エントロピーの近道 (X^L − T)/N を使った',
      ko: "Δ^L: 타깃 행의 합이 1이 아닌데도 소프트맥스 + 교차 엔트로피의 간편식 (X^L − T)/N을 사용했다",
    },
    en: "Δ = (Y − T)/N for softmax with cross-entropy holds only when each target row sums to 1. In general Δ = (Y·Σ_k t_k − T)/N.",
    ja: "ソフトマックスと交差エントロピーの Δ = (Y − T)/N は、正解の各行の和が 1 のときだけ成り立ちます。一般には Δ = (Y·Σ_k t_k − T)/N です。",
    ko: "소프트맥스와 교차 엔트로피에서 Δ = (Y − T)/N은 타깃의 각 행의 합이 1일 때만 성립합니다. 일반적으로는 Δ = (Y·Σ_k t_k − T)/N입니다.",
    column: {
      did: {
        en: "δ^L: (x^L − t)/N for softmax with cross-entropy where a target column does not sum to 1",
        ja: "δ^L: 正解の列の和が 1 でないのに、ソフトマックス + 交差エントロピーの近道 (x^L − t)/N を使った",
        ko: "δ^L: 타깃 열의 합이 1이 아닌데도 소프트맥스 + 교차 엔트로피의 간편식 (x^L − t)/N을 사용했다",
      },
      hint: {
        en: "δ = (ŷ − t)/N for softmax with cross-entropy holds only when each target column sums to 1. In general δ = (ŷ·Σ_k t_k − t)/N.",
        ja: "ソフトマックスと交差エントロピーの δ = (ŷ − t)/N は、正解の各列の和が 1 のときだけ成り立ちます。一般には δ = (ŷ·Σ_k t_k − t)/N です。",
        ko: "소프트맥스와 교차 엔트로피에서 δ = (ŷ − t)/N은 타깃의 각 열의 합이 1일 때만 성립합니다. 일반적으로는 δ = (ŷ·Σ_k t_k − t)/N입니다.",
      },
    },
  },
  wrong_layer_input: {
    name: { en: "Layer's output used instead of its input", ja: "層の入力ではなく出力を使用", ko: "층의 입력 대신 출력 사용" },
    did: {
      en: '∂L/∂W^l: X^lT Δ^l instead of X^(l−1)T Δ^l',
      ja: '∂L/∂W^l: X^(l−1)T Δ^l ではなく X^lT Δ^l を使った',
      ko: "∂L/∂W^l: X^(l−1)T Δ^l 대신 X^lT Δ^l을 사용했다",
    },
    en: "∂L/∂W^l = X^(l−1)T Δ^l uses the layer's input X^(l−1), not its output X^l.",
    ja: "∂L/∂W^l = X^(l−1)T Δ^l では、その層の出力 X^l ではなく入力 X^(l−1) を使います。",
    ko: "∂L/∂W^l = X^(l−1)T Δ^l에서는 해당 층의 출력 X^l이 아니라 입력 X^(l−1)을 사용합니다.",
    column: {
      did: {
        en: "∂L/∂W^l: δ^l x^lT instead of δ^l x^(l−1)T",
        ja: "∂L/∂W^l: δ^l x^(l−1)T ではなく δ^l x^lT を使った",
        ko: "∂L/∂W^l: δ^l x^(l−1)T 대신 δ^l x^lT를 사용했다",
      },
      hint: {
        en: "∂L/∂W^l = δ^l x^(l−1)T uses the layer's input x^(l−1), not its output x^l.",
        ja: "∂L/∂W^l = δ^l x^(l−1)T では、その層の出力 x^l ではなく入力 x^(l−1) を使います。",
        ko: "∂L/∂W^l = δ^l x^(l−1)T에서는 해당 층의 출력 x^l이 아니라 입력 x^(l−1)을 사용합니다.",
      },
    },
  },
  gradient_transposed: {
    name: { en: "Weight gradient transposed", ja: "重みの勾配が転置されている", ko: "가중치 기울기가 전치됨" },
    did: {
      en: '∂L/∂W^l: the transpose of ∂L/∂W^l (square W)',
      ja: '∂L/∂W^l: ∂L/∂W^l の転置を書いた (W が正方行列のとき)',
      ko: "∂L/∂W^l: ∂L/∂W^l의 전치 행렬을 답으로 적었다(W가 정방행렬인 경우)",
    },
    en: "∂L/∂W^l has the shape of W^l: X^(l−1)T Δ^l (row layout) or Δ x^T (column layout). Yours is its transpose.",
    ja: "∂L/∂W^l は W^l と同じ形です: X^(l−1)T Δ^l (行ベクトル表記) または δ x^T (列ベクトル表記)。あなたの答えはその転置になっています。",
    ko: "∂L/∂W^l은 W^l과 크기가 같습니다: X^(l−1)T Δ^l (행벡터 표기) 또는 Δ x^T (열벡터 표기). 제출한 답은 그 전치 행렬입니다.",
    column: {
      hint: {
        en: "∂L/∂W^l has the shape of W^l: δ^l x^(l−1)T. Yours is its transpose.",
        ja: "∂L/∂W^l は W^l と同じ形です: δ^l x^(l−1)T。あなたの答えはその転置になっています。",
        ko: "∂L/∂W^l은 W^l과 크기가 같습니다: δ^l x^(l−1)T. 제출한 답은 그 전치 행렬입니다.",
      },
    },
  },
  bias_gradient_not_summed: {
    name: { en: "Bias gradient not summed over the batch", ja: "バイアスの勾配をバッチで合計していない", ko: "편향 기울기를 배치에 대해 더하지 않음" },
    did: {
      en: "∂L/∂B^l: the mean over the batch, or one sample's row of Δ^l, instead of the sum (N > 1)",
      ja: '∂L/∂B^l: バッチについての和ではなく、平均や1サンプル分の Δ^l の行を使った (N > 1)',
      ko: "∂L/∂B^l: 배치에 대한 합 대신 평균이나 샘플 하나의 Δ^l 행을 사용했다(N > 1)",
    },
    en: "∂L/∂B^l sums Δ^l over the samples of the batch: not one sample's row, not the mean (a mean loss's 1/N is already inside Δ^l).",
    ja: "∂L/∂B^l は Δ^l をバッチのサンプルについて合計します。1サンプル分の行や平均ではありません (平均をとる損失の 1/N はすでに Δ^l に含まれています)。",
    ko: "∂L/∂B^l은 Δ^l을 배치의 모든 샘플에 대해 더한 것입니다. 샘플 하나의 행이나 평균이 아닙니다(평균을 취하는 손실의 1/N은 이미 Δ^l 안에 들어 있습니다).",
    column: {
      did: {
        en: "∂L/∂b^l: the mean over the batch, or one sample's column of δ^l, instead of the sum (N > 1)",
        ja: "∂L/∂b^l: バッチについての和ではなく、平均や1サンプル分の δ^l の列を使った (N > 1)",
        ko: "∂L/∂b^l: 배치에 대한 합 대신 평균이나 샘플 하나의 δ^l 열을 사용했다(N > 1)",
      },
      hint: {
        en: "∂L/∂b^l sums δ^l over the samples of the batch: not one sample's column, not the mean (a mean loss's 1/N is already inside δ^l).",
        ja: "∂L/∂b^l は δ^l をバッチのサンプルについて合計します。1サンプル分の列や平均ではありません (平均をとる損失の 1/N はすでに δ^l に含まれています)。",
        ko: "∂L/∂b^l은 δ^l을 배치의 모든 샘플에 대해 더한 것입니다. 샘플 하나의 열이나 평균이 아닙니다(평균을 취하는 손실의 1/N은 이미 δ^l 안에 들어 있습니다).",
      },
    },
  },
  update_sign_flipped: {
    name: { en: "Update in the wrong direction (sign flipped)", ja: "更新の符号が逆", ko: "갱신 부호가 반대" },
    did: {
      en: 'W^l, B^l updated: W + η ∂L/∂W instead of W − η ∂L/∂W',
      ja: '更新後の W^l, B^l: W − η ∂L/∂W ではなく W + η ∂L/∂W とした',
      ko: "갱신된 W^l, B^l: W − η ∂L/∂W 대신 W + η ∂L/∂W로 계산했다",
    },
    en: "Gradient descent steps against the gradient: W ← W − η ∂L/∂W.",
    ja: "勾配降下法は勾配と逆向きに進みます: W ← W − η ∂L/∂W。",
    ko: "경사 하강법은 기울기의 반대 방향으로 이동합니다: W ← W − η ∂L/∂W.",
  },
  learning_rate_forgotten: {
    name: { en: "Learning rate η forgotten", ja: "学習率 η の掛け忘れ", ko: "학습률 η 누락" },
    did: {
      en: 'W^l, B^l updated: W − ∂L/∂W (η ≠ 1)',
      ja: '更新後の W^l, B^l: 学習率を掛けずに W − ∂L/∂W とした (η ≠ 1)',
      ko: "갱신된 W^l, B^l: 학습률을 곱하지 않고 W − ∂L/∂W로 계산했다(η ≠ 1)",
    },
    en: "Multiply the gradient by the learning rate η before subtracting it: W ← W − η ∂L/∂W.",
    ja: "勾配に学習率 η を掛けてから引きましょう: W ← W − η ∂L/∂W。",
    ko: "기울기에 학습률 η를 곱한 다음 빼세요: W ← W − η ∂L/∂W.",
  },
  rounding_too_coarse: {
    name: { en: "Rounded too coarsely", ja: "丸めが粗すぎる", ko: "너무 거친 반올림" },
    did: {
      en: 'any quantity: the value rounded to 1–2 significant figures, or to 1 decimal place',
      ja: 'どの量でも: 値を有効数字 1〜2 桁、または小数第1位に丸めた',
      ko: "어떤 값이든: 유효숫자 1~2자리 또는 소수점 첫째 자리까지 반올림했다",
    },
    en: "Your numbers were rounded too early or too coarsely. Keep 3–4 significant figures in intermediate results, or keep exact expressions like e^−2/(1 + e^−2).",
    ja: "途中で丸めるのが早すぎるか粗すぎます。途中の値は有効数字 3〜4 桁で保つか、e^−2/(1 + e^−2) のような式のまま扱いましょう。",
    ko: "값을 너무 이르게 또는 너무 거칠게 반올림했습니다. 중간 결과는 유효숫자 3~4자리로 유지하거나 e^−2/(1 + e^−2)처럼 정확한 식 그대로 다루세요.",
  },
  arithmetic_slip: {
    name: { en: "Arithmetic slip in one entry", ja: "1成分の計算ミス", ko: "한 성분의 계산 실수" },
    did: {
      en: 'any quantity: a single entry wrong, the other entries right',
      ja: 'どの量でも: 1つの成分だけが違い、他の成分は正しい',
      ko: "어떤 값이든: 성분 하나만 틀리고 나머지 성분은 맞다",
    },
    en: "The method is right; one entry is off. Recheck that entry's arithmetic.",
    ja: "方法は正しく、1つの成分だけが違います。その成分の計算を見直しましょう。",
    ko: "방법은 맞고 성분 하나만 틀렸습니다. 그 성분의 계산을 다시 확인하세요.",
  },
};
