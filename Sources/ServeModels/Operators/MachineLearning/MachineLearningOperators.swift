/// The operators of this group (the `ai.onnx.ml` domain, as skl2onnx exports scikit-learn models), by op type.
enum MachineLearningOperators {
    static let all: [String: OperatorFactory] = [
        "ArrayFeatureExtractor": { spec throws(OperatorError) in try ArrayFeatureExtractorOperator(spec) },
        "Binarizer": { spec throws(OperatorError) in try BinarizerOperator(spec) },
        "CategoryMapper": { spec throws(OperatorError) in try CategoryMapperOperator(spec) },
        "FeatureVectorizer": { spec throws(OperatorError) in try FeatureVectorizerOperator(spec) },
        "Imputer": { spec throws(OperatorError) in try ImputerOperator(spec) },
        "LabelEncoder": { spec throws(OperatorError) in try LabelEncoderOperator(spec) },
        "LinearClassifier": { spec throws(OperatorError) in try LinearClassifierOperator(spec) },
        "LinearRegressor": { spec throws(OperatorError) in try LinearRegressorOperator(spec) },
        "Normalizer": { spec throws(OperatorError) in try NormalizerOperator(spec) },
        "OneHotEncoder": { spec throws(OperatorError) in try OneHotEncoderOperator(spec) },
        "Scaler": { spec throws(OperatorError) in try ScalerOperator(spec) },
        "SVMClassifier": { spec throws(OperatorError) in try SVMClassifierOperator(spec) },
        "SVMRegressor": { spec throws(OperatorError) in try SVMRegressorOperator(spec) },
        "TreeEnsemble": { spec throws(OperatorError) in try TreeEnsembleOperator(spec) },
        "TreeEnsembleClassifier": { spec throws(OperatorError) in try TreeEnsembleClassifierOperator(spec) },
        "TreeEnsembleRegressor": { spec throws(OperatorError) in try TreeEnsembleRegressorOperator(spec) },
        "ZipMap": { spec throws(OperatorError) in try ZipMapOperator(spec) },
    ]
}
