# docs/security.md e as descrições do modelo do kit que ele mostra (sensibilidade, regulamentações,
# cópias dos dados, o que a chave gerenciada pelo cliente criptografa, o que entra na rede, os
# passos das equipes de rede).

## Descrições do modelo do kit

sensitivity-none = dados sem informações pessoais
sensitivity-pseudonymised = dados pessoais pseudonimizados
sensitivity-personal = dados pessoais
sensitivity-sensitive-personal = dados pessoais sensíveis
regulation-eu-ai-act = EU AI Act (sistema de alto risco)
regulation-sector-specific = normas do setor
copy-landing = exportações dos dados de fora do Google Cloud, recebidas no bucket de recepção de cada ambiente (`<project>-landing`)
copy-cloud-sql = a exportação do Cloud SQL (CSV), gravada pela instância no bucket de artefatos em `cloudsql-exports/`
copy-dataflow = os arquivos de preparo e temporários do job do Dataflow, no bucket de artefatos em `dataflow-temp/`
copy-prepared = o conjunto de dados preparado (Parquet) de cada execução do pipeline, no bucket raiz do pipeline
copy-batch-input = os novos registros a pontuar, que a carga de dados do cliente grava em `{ $folder }/` do bucket de artefatos
copy-batch-output = as linhas pontuadas que o job de previsão em lote grava na saída em lote
copy-endpoint-log = uma amostra ({ $rate }) das requisições e respostas do endpoint, com os valores dos atributos, na tabela do BigQuery `{ $table }`
cmek-buckets-landing = os buckets (raiz do pipeline, artefatos, recepção, logs de acesso)
cmek-buckets = os buckets (raiz do pipeline, artefatos, logs de acesso)
cmek-repositories = os repositórios do Artifact Registry
cmek-dataset = o conjunto de dados do BigQuery
cmek-secrets = os segredos do Secret Manager da conexão com o repositório
cmek-vertex = as execuções de pipeline, os jobs de treinamento, os modelos registrados e os jobs de previsão em lote (toda execução recebe `encryption_key`)
cmek-topics = { $count ->
    [one] o tópico do Pub/Sub de retreinamento { $topics }
   *[other] os tópicos do Pub/Sub de retreinamento { $topics }
}
cmek-workflows = { $count ->
    [one] o workflow de retreinamento { $workflows } (Workflows)
   *[other] os workflows de retreinamento { $workflows } (Workflows)
}
cmek-endpoint = o endpoint do Vertex AI
cmek-dataflow = o job de preparação de dados do Dataflow (`dataflow_kms_key`)
network-endpoint = o endpoint do Vertex AI (peering privado)
network-pipelines = as execuções de pipeline e os jobs de treinamento (o parâmetro `network`)
network-dataflow = os workers do Dataflow, sem IPs públicos
state-read-write = leitura e gravação
state-read = leitura
network-step-private-access = Private Google Access em cada sub-rede de `{ $vpc }` em `{ $region }` que roda as cargas de trabalho do kit, para que workers sem IP externo alcancem as APIs do Google.
network-step-private-access-dataflow = Private Google Access em cada sub-rede de `{ $vpc }` em `{ $region }` que roda as cargas de trabalho do kit (entre elas a sub-rede dos workers do Dataflow), para que workers sem IP externo alcancem as APIs do Google.
network-step-dns-restricted = DNS em `{ $vpc }`: zonas privadas `googleapis.com.`, `pkg.dev.` e `gcr.io.` cujos registros `*` são CNAMEs de `{ $vip }`, cujos registros A são os quatro endereços de `{ $range }`, e uma rota para `{ $range }` pelo gateway de internet padrão (o VIP restrito: lá só respondem os serviços que o perímetro de serviço permite).
network-step-dns-private = DNS em `{ $vpc }`: zonas privadas `googleapis.com.`, `pkg.dev.` e `gcr.io.` cujos registros `*` são CNAMEs de `{ $vip }`, cujos registros A são os quatro endereços de `{ $range }`, e uma rota para `{ $range }` pelo gateway de internet padrão (opcional fora de um perímetro de serviço, onde o Private Google Access também atende nos endereços públicos do Google).
network-step-peering = VPC Service Controls no peering de `{ $vpc }` com os serviços do Google, para que o lado do pool privado também use o VIP restrito: `gcloud services vpc-peerings enable-vpc-service-controls --network={ $vpc } --service=servicenetworking.googleapis.com --project=PROJECT` para o projeto dono da rede.
network-step-peering-kit = Nada para o peering de `{ $vpc }`: o kit ativa o VPC Service Controls nele (`google_service_networking_vpc_service_controls` em `terraform/modules/platform/network.tf`), então o pool privado resolve `googleapis.com`, `pkg.dev` e `gcr.io` para o VIP restrito.
network-step-perimeter = O perímetro de serviço contém { $projects } e o projeto de administração `{ $admin }` (o do espelho de providers, ao lado dos buckets de estado) e restringe `artifactregistry.googleapis.com` junto com os demais serviços que o `terraform/README.md` lista.
network-step-remote = Os repositórios remotos podem buscar nas suas origens (Docker Hub, PyPI) através do perímetro de serviço: uma vez por projeto, `gcloud artifacts vpcsc-config allow --project=PROJECT --location={ $region }` para { $projects }.
network-step-egress-rule = Uma regra de saída que permite a `{ $account }` (a conta de implantação de `{ $environment }`, onde a entrega contínua a copia) baixar a imagem dos componentes de pipeline `{ $image }` do registro do Google fora do perímetro de serviço.
google-registry-cloud-sdk = `gcr.io/google.com/cloudsdktool` (a imagem de build do Cloud SDK)
google-registry-vertex = `{ $host }` (os contêineres pré-construídos de treinamento e de serviço do Vertex AI)

## docs/security.md (as mensagens de várias linhas são recuadas pelo template sob o item da lista)

sec-title = Segurança da carga de trabalho de ML
sec-identities = Identidades.
sec-identities-text =
    As etapas do pipeline e o job de treinamento rodam como `{ $pipeline }`,
    o serviço do modelo como `{ $serving }`, cada um no projeto do seu ambiente, com papéis
    concedidos no recurso mais restrito possível (veja `terraform/modules/platform/iam.tf`). Nenhuma chave de conta de serviço.
sec-images = Imagens.
sec-images-text =
    As imagens de base são fixadas por tag e digest, rodam como o usuário numérico não root 10001 e
    instalam só requisitos fixados. A CI as verifica com o hadolint.
sec-data = Dados.
sec-data-trains = O modelo é treinado com { $sensitivity }
sec-data-regulations = regulamentações:
sec-data-region = Todos os buckets, o conjunto de dados do BigQuery e todos os recursos do Vertex AI do kit ficam em `{ $region }`. Cópias dos dados de treinamento:
sec-data-lifecycle = { $days ->
    [one] A raiz do pipeline apaga os artefatos das execuções depois de { $days } dia
   *[other] A raiz do pipeline apaga os artefatos das execuções depois de { $days } dias
}
sec-data-lifecycle-landing = { $days ->
    [one] e o bucket de recepção apaga os seus arquivos depois de { $days } dia
   *[other] e o bucket de recepção apaga os seus arquivos depois de { $days } dias
}
sec-data-lifecycle-rules = (regras de ciclo de vida).
sec-data-personal = Os dados são pessoais: mantenha essas regras e nunca registre valores de atributos em log.
sec-lgpd-pseudonymised = Dados pseudonimizados continuam sendo dados pessoais pela LGPD (só os dados anonimizados não são).
sec-lgpd-brazil = Os dados são processados em `{ $region }` (São Paulo), então o próprio kit não faz transferência internacional
sec-lgpd-brazil-consumers = consumidores das previsões fora do Brasil fariam
sec-lgpd-abroad = A região `{ $region }` fica fora do Brasil: armazenar e processar os dados lá é uma transferência internacional (LGPD, artigos 33 a 36), que exige um dos mecanismos legais listados nesses artigos; confirme com o encarregado de proteção de dados (DPO) ou responda `southamerica-east1` e atualize o kit.
sec-lgpd-sensitive = Dados pessoais sensíveis exigem uma das bases legais do artigo 11.
sec-lgpd-deletion = Os pedidos de exclusão dos titulares chegam primeiro à origem; o retreinamento seguinte remove as linhas deles dos novos modelos, e as regras de ciclo de vida acima limitam por quanto tempo as cópias permanecem.
sec-encryption = Criptografia.
sec-encryption-cmek = { $days ->
    [one] Uma chave gerenciada pelo cliente por ambiente (Cloud KMS, `{ $cryptokey }` em `{ $region }`, com rotação a cada { $days } dia) criptografa:
   *[other] Uma chave gerenciada pelo cliente por ambiente (Cloud KMS, `{ $cryptokey }` em `{ $region }`, com rotação a cada { $days } dias) criptografa:
}
sec-encryption-google = Chaves de criptografia gerenciadas pelo Google protegem os dados armazenados. Ative `gcp.cmek` nas respostas e atualize o kit para usar chaves de criptografia gerenciadas pelo cliente (CMEK).
sec-network = Rede.
sec-network-shared = A VPC compartilhada `{ $vpc }` do projeto host `{ $host }` abriga
sec-network-client = A VPC do cliente `{ $vpc }` abriga
sec-network-pool = o Cloud Build roda no pool privado `{ $pool }` sem IPs externos
sec-network-see = Veja em `terraform/README.md` o que precisa existir antes nessa rede.
sec-network-google = Rede gerenciada pelo Google: o Vertex AI e o Cloud Build rodam nas redes do próprio Google
sec-network-google-endpoint = e o endpoint é acessado pela API pública do Vertex AI com chamadas autenticadas pelo IAM
sec-network-join = Responda `private` ou `shared_vpc` em `gcp.network.mode` e atualize o kit para entrar em uma VPC.
sec-perimeter = Os projetos ficam dentro do perímetro de serviço do VPC Service Controls
sec-perimeter-restrict = que precisa restringir
sec-perimeter-see = (veja `terraform/README.md`).
sec-perimeter-workflows = Os gatilhos Pub/Sub do Cloud Build não funcionam dentro de um perímetro de serviço, então o retreinamento automático chega ao gatilho de retreinamento contínuo pelo Eventarc e pelo Workflows, como a conta dos gatilhos:
sec-perimeter-route = { $title }: { $via }
sec-egress = Saída de rede.
sec-egress-text =
    Os builds e os pipelines não acessam nenhum registro público: as imagens de build, a imagem de base
    dos Dockerfiles e todo `pip install` passam pelos repositórios remotos do Artifact Registry { $repositories }
    (só leitura para as contas de build; o pip se autentica com o token de acesso de curta duração do build,
    passado aos builds do Docker como um segredo do BuildKit que nenhuma camada guarda), os providers do Terraform vêm do
    bucket espelho `{ $bucket }`, e a entrega contínua copia { $mirrored } para o registro
    do próprio kit. As imagens hospedadas pelo Google ficam onde estão, acessadas pelo Private Google Access: { $google }.
    As equipes de rede e de segurança providenciam, nesta ordem:
sec-and = e
sec-alerts = Alertas.
sec-alerts-text = Os alertas da etapa de deriva de dados são entradas de log estruturadas sem valores de atributos (só nomes, distâncias e limites).
sec-model-monitoring = Model Monitoring.
sec-model-monitoring-text = O Vertex AI Model Monitoring analisa as requisições registradas acima; os seus alertas citam os atributos com deriva e as suas distâncias.
sec-permissions = Permissões que as etapas do pipeline usam
sec-permissions-intro =
    O que `{ $account }` faz durante a execução, para revisar as suas permissões do IAM em
    `terraform/modules/platform/iam.tf`:
sec-col-step = Etapa
sec-col-calls = Chamadas
sec-calls-bigquery = jobs do BigQuery no projeto e leituras da tabela de origem
sec-calls-cloud-sql = uma exportação serverless do Cloud SQL (`cloudsql.instances.export`); a própria conta de serviço da instância grava o CSV no bucket de artefatos
sec-calls-storage = leituras dos arquivos de treinamento no Cloud Storage
sec-calls-export = `EXPORT DATA` do BigQuery para a raiz do pipeline
sec-calls-dataflow = um job do Dataflow (desenvolvedor do Dataflow, agindo como a conta de serviço dos seus workers)
sec-calls-train = cria um job personalizado do Vertex AI que roda como a mesma conta (agindo como ela mesma)
sec-calls-registry = lê e envia modelos ao Vertex AI Model Registry
sec-calls-deploy = implanta no endpoint, agindo como `{ $serving }`
sec-calls-promote = move o alias `production` no Vertex AI Model Registry
sec-calls-drift = lê a saída em lote, acrescenta linhas a `{ $table }` (criada no primeiro uso), grava a entrada de log `{ $log }`
sec-scoring =
    A previsão em lote diária roda como `{ $account }`: ela lista os novos arquivos da caixa de entrada `batch-input/`
    no bucket de artefatos, lê o modelo `production` e cria um job de previsão em lote agindo como
    `{ $serving }`, que lê esses arquivos e grava a saída em lote
sec-scoring-bigquery = depois, ela acrescenta a tabela do job à tabela de saída
sec-review = O que uma revisão de plataforma confere, e como o kit garante isso
sec-rule-state = O estado do Terraform de cada ambiente é isolado.
sec-rule-state-lives =
    O estado fica no projeto de administração
    `{ $admin }`
sec-rule-state-created = o bootstrap o cria; os logs de auditoria de acesso a dados registram cada leitura
sec-rule-state-never =
    nunca no projeto de
    um ambiente, com um bucket por ambiente:
sec-rule-state-granted = Cada bucket é concedido só à conta de implantação do seu próprio ambiente
sec-rule-state-ci =
    e só para leitura à conta de CI
    de `{ $environment }`, para o plan dela
sec-rule-state-bootstrap =
    o estado do próprio bootstrap fica em `{ $bucket }`, que nenhuma
    conta de ambiente consegue ler.
sec-rule-state-kms = Os buckets são criptografados com a chave `{ $cryptokey }` do projeto de administração.
sec-rule-state-enforced =
    Garantido por
    `terraform/bootstrap/main.tf` (os buckets), `terraform/bootstrap/access.tf` (permissões no nível do bucket) e
    o `backend.tf` de cada ambiente.
sec-rule-grants = Nenhuma identidade pode conceder mais a si mesma.
sec-rule-grants-text =
    Todo direito das contas de implantação vem de
    `terraform/bootstrap/access.tf`, que uma pessoa aplica e o Cloud Build nunca executa; o
    Terraform dos ambientes, que as contas de implantação aplicam, não lhes concede nada. Uma conta de implantação
    não tem o papel Role Administrator (o papel personalizado das contas dos gatilhos, `{ $role }`, é do bootstrap),
    e os seus papéis que concedem permissões do IAM têm IAM Conditions sobre `iam.googleapis.com/modifiedGrantsByRole`:
    o Project IAM Admin só pode conceder ou revogar { $roles } (os
    papéis de projeto de `terraform/modules/platform/iam.tf`, nenhum dos quais concede papéis), e o Service
    Account Admin em cada uma das outras contas do kit só os papéis que o `iam.tf` concede nessa conta; ela não tem
    nenhum na sua própria conta. Assim, nenhuma conta de implantação pode conceder a si mesma, nem a ninguém, Owner ou qualquer papel
    fora dessa lista.
sec-rule-data = Os dados de produção só são lidos onde podem ser.
sec-rule-data-personal = Os dados são pessoais, então só a produção lê a origem de produção:
sec-rule-data-trains = `{ $environment }` treina com `{ $uri }`
sec-rule-data-production = a origem de produção
sec-rule-data-masked = a view mascarada
sec-rule-data-landing = o seu próprio bucket de recepção: coloque lá só uma amostra desidentificada
sec-rule-data-sample = uma amostra desidentificada que a sua equipe de dados grava lá, por exemplo com a desidentificação de Cloud Storage do Sensitive Data Protection; nada no kit copia dados de produção para lá
sec-rule-data-view =
    A view mascarada `{ $view }` mantém uma amostra determinística de { $percent } % de
    `{ $source }`
sec-rule-data-columns =
    só com as colunas do modelo ({ $columns }), então nenhum
    identificador ou outra coluna sai da produção
sec-rule-data-authorized =
    Ela é uma view autorizada no projeto de administração: quem a lê não precisa de
    acesso à tabela de produção, e nenhuma conta de ambiente pode mudar a sua consulta.
sec-rule-data-cloud-sql = A instância do Cloud SQL só exporta para { $buckets }.
sec-rule-data-one = Há um único ambiente, a produção, que lê a origem.
sec-rule-data-not-personal = Os dados não são pessoais ({ $sensitivity }), então todos os ambientes treinam com a própria origem.
sec-rule-consumer = Toda permissão do IAM tem quem a use.
sec-rule-consumer-source = Só a origem que o pipeline lê ({ $source }) recebe uma permissão do IAM
sec-rule-consumer-others =
    as
    outras origens informadas são contexto para a avaliação de maturidade e não recebem nenhuma
sec-rule-consumer-role =
    A exportação do Cloud SQL
    usa o papel personalizado `{ $role }` com exatamente { $permissions } (o Cloud SQL
    Editor, o papel predefinido mais restrito que exporta, também poderia alterar e apagar instâncias).
sec-rule-consumer-reason = O motivo de cada permissão do IAM está escrito ao lado dela no Terraform e em `terraform/README.md`.
sec-rules-tested =
    Os testes de integração do mlops-kit (`tests/integration/regulated.rs`) conferem essas quatro regras em
    todos os kits que o questionário permite.
sec-readers = Quem pode ler o quê
sec-col-data = Dados
sec-col-readers = Leitores
sec-read-source = Origem do treinamento { $source }
sec-read-cloud-sql = Cloud SQL em `{ $project }`
sec-read-masked = View mascarada `{ $view }`
sec-read-buckets = { $environment }: buckets de artefatos e raiz do pipeline
sec-read-buckets-landing = { $environment }: buckets de artefatos, raiz do pipeline e recepção
sec-read-buckets-who = a sua própria conta do pipeline
sec-read-buckets-dataflow = e a conta dos workers do Dataflow
sec-read-buckets-rest = (leitura e gravação), a de serviço do modelo (modelos), a de build (saídas das execuções), a de implantação (versões publicadas)
sec-read-buckets-next = a conta de implantação do ambiente seguinte lê as suas versões publicadas
sec-read-dataset = { $environment }: conjunto de dados `{ $dataset }`
sec-read-dataset-who = a sua própria conta do pipeline (leitura e gravação) e a conta de serviço do modelo (leitura)
sec-read-state = { $environment }: estado do Terraform `{ $bucket }`
sec-people =
    Pessoas: o kit não concede nada a nenhuma pessoa. Os administradores de `{ $admin }` e do projeto de
    cada ambiente aplicam o bootstrap e mantêm o seu próprio acesso, que a política de IAM do cliente
    decide.
