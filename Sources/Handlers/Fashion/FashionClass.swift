public import Serve

/// Fashion-MNIST's ten classes, in label order (0–9).
@Schema public enum FashionClass: String, CaseIterable, Sendable {
    case tShirt = "T-shirt/top"
    case trouser = "Trouser"
    case pullover = "Pullover"
    case dress = "Dress"
    case coat = "Coat"
    case sandal = "Sandal"
    case shirt = "Shirt"
    case sneaker = "Sneaker"
    case bag = "Bag"
    case ankleBoot = "Ankle boot"

    /// The class of label `index`.
    init(label index: Int) { self = Self.allCases[index] }
}
